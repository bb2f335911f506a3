-- A new status's search entry is no longer written in the transaction that posts it (issue 17):
-- FTS5 writes its pending entries as a new segment at every commit, about 0.2 ms and 6 of the 22
-- pages a post wrote to the WAL. New statuses are queued here instead and folded into the index
-- many at a time (src/db/queries/search-index.ts: by the job that fans a post out, by a search
-- before it reads, and every five minutes), as Mastodon indexes from a background worker. A search
-- folds the queue in first, so it still finds every status.
CREATE TABLE statuses_search_queue (status_id INTEGER PRIMARY KEY);

DROP TRIGGER statuses_search_insert;
DROP TRIGGER statuses_search_insert_cjk;
CREATE TRIGGER statuses_search_insert AFTER INSERT ON statuses WHEN NEW.reblog_of_id IS NULL BEGIN
  INSERT OR IGNORE INTO statuses_search_queue (status_id) VALUES (NEW.id);
END;

-- A queued status is indexed from its row as it is when the queue is folded in: until then an
-- edit, a poll or a media description has no entry to replace (and must not write a second one).
DROP TRIGGER statuses_search_update;
CREATE TRIGGER statuses_search_update AFTER UPDATE OF text, content, spoiler_text, sensitive, language, in_reply_to_id ON statuses
WHEN NEW.reblog_of_id IS NULL AND NOT EXISTS (SELECT 1 FROM statuses_search_queue WHERE status_id = NEW.id) BEGIN
  DELETE FROM statuses_fts WHERE rowid = OLD.id;
  DELETE FROM statuses_fts_cjk WHERE rowid = OLD.id;
  INSERT INTO statuses_fts (rowid, body, props, lang) SELECT id, body, props, lang FROM status_search_documents WHERE id = NEW.id;
  INSERT INTO statuses_fts_cjk (rowid, body) SELECT id, body FROM status_search_documents
    WHERE id = NEW.id AND (NEW.spoiler_text || NEW.text || NEW.content) GLOB '*[⺀-鿿가-힯豈-﫿ｦ-ﾟ฀-๿]*';
END;

DROP TRIGGER search_reindex_queue_run;
CREATE TRIGGER search_reindex_queue_run AFTER INSERT ON search_reindex_queue
WHEN NOT EXISTS (SELECT 1 FROM statuses_search_queue WHERE status_id = NEW.status_id) BEGIN
  DELETE FROM statuses_fts WHERE rowid = NEW.status_id;
  DELETE FROM statuses_fts_cjk WHERE rowid = NEW.status_id;
  INSERT INTO statuses_fts (rowid, body, props, lang) SELECT id, body, props, lang FROM status_search_documents WHERE id = NEW.status_id;
  INSERT INTO statuses_fts_cjk (rowid, body) SELECT id, body FROM status_search_documents
    WHERE id = NEW.status_id AND body GLOB '*[⺀-鿿가-힯豈-﫿ｦ-ﾟ฀-๿]*';
  DELETE FROM search_reindex_queue WHERE status_id = NEW.status_id;
END;
CREATE TRIGGER search_reindex_queue_queued AFTER INSERT ON search_reindex_queue
WHEN EXISTS (SELECT 1 FROM statuses_search_queue WHERE status_id = NEW.status_id) BEGIN
  DELETE FROM search_reindex_queue WHERE status_id = NEW.status_id;
END;

-- A status deleted while queued leaves no entry to remove.
DROP TRIGGER statuses_search_delete;
CREATE TRIGGER statuses_search_delete AFTER DELETE ON statuses WHEN OLD.reblog_of_id IS NULL BEGIN
  DELETE FROM statuses_search_queue WHERE status_id = OLD.id;
  DELETE FROM statuses_fts WHERE rowid = OLD.id;
  DELETE FROM statuses_fts_cjk WHERE rowid = OLD.id;
END;
