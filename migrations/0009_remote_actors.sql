-- Remote actors: the id of the key they sign with (it may be a separate document, as on
-- GoToSocial), so signature checks find the account without a fetch.
ALTER TABLE accounts ADD COLUMN public_key_id TEXT;
CREATE INDEX accounts_public_key_id ON accounts (public_key_id) WHERE public_key_id IS NOT NULL;
