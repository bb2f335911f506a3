-- notification_groups: placeholder, filled by its feature
SELECT 1; -- placeholder, replaced by its feature
