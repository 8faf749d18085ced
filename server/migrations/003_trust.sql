-- 代他人缴费 lookups counted per subject (a WeChat user, or a keyed hash of a client address) in
-- fixed windows; every instance counts in the same rows. A row is dead once its window has ended.
CREATE TABLE lookup_counts (
  subject    text NOT NULL,
  window_end bigint NOT NULL,
  count      integer NOT NULL,
  PRIMARY KEY (subject, window_end)
);
CREATE INDEX lookup_counts_by_end ON lookup_counts (window_end);
