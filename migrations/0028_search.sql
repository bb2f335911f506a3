-- Full-text search (issue 13) without a search server: SQLite FTS5 tables kept in step with
-- statuses, polls, media descriptions and accounts by triggers, so every write and its index
-- entry commit in one transaction. Filled from the existing rows at the end.

-- What one status contributes to the index, as Mastodon's Status#searchable_text: the content
-- warning, the text (a local status's source as typed, otherwise its HTML content with the tags
-- dropped and entities decoded), poll options and media descriptions. `props` holds the words
-- has:/is: look for, `lang` the language code. HTML is split at '<' and '>' through json_each
-- because triggers can use neither WITH nor functions of our own.
CREATE VIEW status_search_documents AS
SELECT
  s.id,
  s.spoiler_text || ' ' ||
  CASE WHEN s.local = 1 AND s.text <> '' THEN s.text ELSE
    replace(replace(replace(replace(replace(replace(replace(
      coalesce((SELECT group_concat(CASE
                  WHEN value LIKE '<br%' OR value LIKE '<p%' OR value LIKE '</p%' OR value LIKE '<li%' THEN ' '
                  WHEN value LIKE '<%' THEN '' ELSE value END, '' ORDER BY key)
                FROM json_each('[' || replace(replace(json_quote(s.content), '<', '","<'), '>', '>","') || ']')), ''),
      '&lt;', '<'), '&gt;', '>'), '&quot;', '"'), '&#39;', ''''), '&apos;', ''''), '&nbsp;', ' '), '&amp;', '&')
  END || ' ' ||
  coalesce((SELECT group_concat(json_extract(o.value, '$.title'), ' ') FROM polls p, json_each(p.options) o WHERE p.status_id = s.id), '') || ' ' ||
  coalesce((SELECT group_concat(m.description, ' ') FROM media_attachments m WHERE m.status_id = s.id AND m.description IS NOT NULL), '')
  AS body,
  trim(
    CASE WHEN EXISTS (SELECT 1 FROM media_attachments m WHERE m.status_id = s.id) THEN ' media' ELSE '' END ||
    CASE WHEN EXISTS (SELECT 1 FROM media_attachments m WHERE m.status_id = s.id AND m.type = 'image') THEN ' image' ELSE '' END ||
    CASE WHEN EXISTS (SELECT 1 FROM media_attachments m WHERE m.status_id = s.id AND m.type IN ('video', 'gifv')) THEN ' video' ELSE '' END ||
    CASE WHEN EXISTS (SELECT 1 FROM media_attachments m WHERE m.status_id = s.id AND m.type = 'audio') THEN ' audio' ELSE '' END ||
    CASE WHEN EXISTS (SELECT 1 FROM polls p WHERE p.status_id = s.id) THEN ' poll' ELSE '' END ||
    CASE WHEN instr(s.content, '<a ') > 0 AND EXISTS (
      SELECT 1 FROM json_each('[' || replace(replace(json_quote(s.content), '<', '","<'), '>', '>","') || ']')
      WHERE value LIKE '<a %' AND value NOT LIKE '%mention%' AND value NOT LIKE '%hashtag%') THEN ' link' ELSE '' END ||
    CASE WHEN instr(s.content, '<iframe') > 0 OR instr(s.content, '<video') > 0 THEN ' embed' ELSE '' END ||
    CASE WHEN s.in_reply_to_id IS NOT NULL THEN ' reply' ELSE '' END ||
    CASE WHEN s.sensitive = 1 THEN ' sensitive' ELSE '' END
  ) AS props,
  coalesce(s.language, '') AS lang
FROM statuses s
WHERE s.reblog_of_id IS NULL;

-- Words in Latin, Cyrillic, Greek … scripts: unicode61 folds case and removes diacritics
-- (café = cafe, Ørsted = orsted). Contentless, so the index holds no second copy of the text.
CREATE VIRTUAL TABLE statuses_fts USING fts5(
  body, props, lang,
  content = '', contentless_delete = 1,
  tokenize = 'unicode61 remove_diacritics 2'
);

-- Text without spaces (Chinese, Japanese, Korean, Thai …) is one unicode61 token per run, so
-- statuses holding such characters are also indexed by trigrams. Only those statuses: the table
-- stays empty on an instance that never sees them. It keeps its text: two-character words
-- are matched with LIKE, which FTS5 checks against the stored text.
CREATE VIRTUAL TABLE statuses_fts_cjk USING fts5(body, tokenize = 'trigram');

-- One status's entries, removed and written again (the cheapest correct update for FTS5).
CREATE TRIGGER statuses_search_insert AFTER INSERT ON statuses WHEN NEW.reblog_of_id IS NULL BEGIN
  INSERT INTO statuses_fts (rowid, body, props, lang) SELECT id, body, props, lang FROM status_search_documents WHERE id = NEW.id;
END;
-- The raw columns are checked first so that most posts never build their document twice.
CREATE TRIGGER statuses_search_insert_cjk AFTER INSERT ON statuses
WHEN NEW.reblog_of_id IS NULL AND (NEW.spoiler_text || NEW.text || NEW.content) GLOB '*[⺀-鿿가-힯豈-﫿ｦ-ﾟ฀-๿]*' BEGIN
  INSERT INTO statuses_fts_cjk (rowid, body) SELECT id, body FROM status_search_documents WHERE id = NEW.id;
END;

CREATE TRIGGER statuses_search_update AFTER UPDATE OF text, content, spoiler_text, sensitive, language, in_reply_to_id ON statuses
WHEN NEW.reblog_of_id IS NULL BEGIN
  DELETE FROM statuses_fts WHERE rowid = OLD.id;
  DELETE FROM statuses_fts_cjk WHERE rowid = OLD.id;
  INSERT INTO statuses_fts (rowid, body, props, lang) SELECT id, body, props, lang FROM status_search_documents WHERE id = NEW.id;
  INSERT INTO statuses_fts_cjk (rowid, body) SELECT id, body FROM status_search_documents
    WHERE id = NEW.id AND (NEW.spoiler_text || NEW.text || NEW.content) GLOB '*[⺀-鿿가-힯豈-﫿ｦ-ﾟ฀-๿]*';
END;

CREATE TRIGGER statuses_search_delete AFTER DELETE ON statuses WHEN OLD.reblog_of_id IS NULL BEGIN
  DELETE FROM statuses_fts WHERE rowid = OLD.id;
  DELETE FROM statuses_fts_cjk WHERE rowid = OLD.id;
END;

-- Polls and media attachments change what a status's entry holds; re-index that status.
CREATE TABLE search_reindex_queue (status_id INTEGER PRIMARY KEY);
CREATE TRIGGER search_reindex_queue_run AFTER INSERT ON search_reindex_queue BEGIN
  DELETE FROM statuses_fts WHERE rowid = NEW.status_id;
  DELETE FROM statuses_fts_cjk WHERE rowid = NEW.status_id;
  INSERT INTO statuses_fts (rowid, body, props, lang) SELECT id, body, props, lang FROM status_search_documents WHERE id = NEW.status_id;
  INSERT INTO statuses_fts_cjk (rowid, body) SELECT id, body FROM status_search_documents
    WHERE id = NEW.status_id AND body GLOB '*[⺀-鿿가-힯豈-﫿ｦ-ﾟ฀-๿]*';
  DELETE FROM search_reindex_queue WHERE status_id = NEW.status_id;
END;

CREATE TRIGGER polls_search_insert AFTER INSERT ON polls BEGIN
  INSERT OR IGNORE INTO search_reindex_queue (status_id) VALUES (NEW.status_id);
END;
CREATE TRIGGER polls_search_update AFTER UPDATE OF options, status_id ON polls BEGIN
  INSERT OR IGNORE INTO search_reindex_queue (status_id) VALUES (OLD.status_id);
  INSERT OR IGNORE INTO search_reindex_queue (status_id) VALUES (NEW.status_id);
END;
CREATE TRIGGER polls_search_delete AFTER DELETE ON polls BEGIN
  INSERT OR IGNORE INTO search_reindex_queue (status_id) VALUES (OLD.status_id);
END;
CREATE TRIGGER media_search_insert AFTER INSERT ON media_attachments WHEN NEW.status_id IS NOT NULL BEGIN
  INSERT OR IGNORE INTO search_reindex_queue (status_id) VALUES (NEW.status_id);
END;
CREATE TRIGGER media_search_update AFTER UPDATE OF status_id, description, type ON media_attachments BEGIN
  INSERT OR IGNORE INTO search_reindex_queue (status_id) SELECT OLD.status_id WHERE OLD.status_id IS NOT NULL;
  INSERT OR IGNORE INTO search_reindex_queue (status_id) SELECT NEW.status_id WHERE NEW.status_id IS NOT NULL;
END;
CREATE TRIGGER media_search_delete AFTER DELETE ON media_attachments WHEN OLD.status_id IS NOT NULL BEGIN
  INSERT OR IGNORE INTO search_reindex_queue (status_id) VALUES (OLD.status_id);
END;

-- Accounts by display name and handle (username, and username@domain for remote ones), with
-- prefix indexes for search-as-you-type.
CREATE VIRTUAL TABLE accounts_fts USING fts5(
  display_name, acct,
  content = '', contentless_delete = 1,
  tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3'
);
CREATE TRIGGER accounts_search_insert AFTER INSERT ON accounts BEGIN
  INSERT INTO accounts_fts (rowid, display_name, acct) VALUES (NEW.id, NEW.display_name, NEW.username || coalesce(' ' || NEW.domain, ''));
END;
CREATE TRIGGER accounts_search_update AFTER UPDATE OF display_name, username, domain ON accounts BEGIN
  DELETE FROM accounts_fts WHERE rowid = OLD.id;
  INSERT INTO accounts_fts (rowid, display_name, acct) VALUES (NEW.id, NEW.display_name, NEW.username || coalesce(' ' || NEW.domain, ''));
END;
CREATE TRIGGER accounts_search_delete AFTER DELETE ON accounts BEGIN
  DELETE FROM accounts_fts WHERE rowid = OLD.id;
END;

-- Existing rows.
INSERT INTO statuses_fts (rowid, body, props, lang) SELECT id, body, props, lang FROM status_search_documents;
INSERT INTO statuses_fts_cjk (rowid, body) SELECT id, body FROM status_search_documents WHERE body GLOB '*[⺀-鿿가-힯豈-﫿ｦ-ﾟ฀-๿]*';
INSERT INTO accounts_fts (rowid, display_name, acct) SELECT id, display_name, username || coalesce(' ' || domain, '') FROM accounts;
