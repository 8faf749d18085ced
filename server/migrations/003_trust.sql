-- 代他人缴费 lookups counted per subject (a WeChat user, or a keyed hash of a client address) in
-- fixed windows; every instance counts in the same rows. A row is dead once its window has ended.
CREATE TABLE lookup_counts (
  subject    text NOT NULL,
  window_end bigint NOT NULL,
  count      integer NOT NULL,
  PRIMARY KEY (subject, window_end)
);
CREATE INDEX lookup_counts_by_end ON lookup_counts (window_end);

-- Personal data at rest, sealed (AES-256-GCM under a named key, 'p1.<key id>.<iv>.<sealed>',
-- server/src/pii/cipher.ts): the name and the normalised ID number a payer was looked up with.
-- NULL when this user never gave them (a payer known through a share link, or made before 003).
ALTER TABLE payers ADD COLUMN name_sealed text, ADD COLUMN id_number_sealed text;
-- person_key is now the cipher's lookup hash (PII_HMAC_KEY).
COMMENT ON COLUMN payers.person_key IS 'HMAC-SHA256 of the normalised ID number under PII_HMAC_KEY';
-- users.session_key holds WeChat's session_key sealed the same way (sealed at the next login or start).
