SELECT 1; -- placeholder, replaced by its feature
