-- The merchant server's own data. Times are epoch milliseconds (bigint), money integer fen.

CREATE TABLE users (
  user_id     text PRIMARY KEY,
  openid      text NOT NULL UNIQUE,
  -- From code2session; needed to check data WeChat signs for this user. Never sent out.
  session_key text NOT NULL,
  created_at  bigint NOT NULL,
  updated_at  bigint NOT NULL
);

-- Only a hash of each bearer token: a copy of this table logs nobody in.
CREATE TABLE sessions (
  token_hash text PRIMARY KEY,
  user_id    text NOT NULL REFERENCES users,
  created_at bigint NOT NULL,
  expires_at bigint NOT NULL
);
CREATE INDEX sessions_by_user ON sessions (user_id);

-- A person as one user knows them. person_key is an HMAC of the ID number (equality without
-- the number); tax_person_id is the tax system's own handle. The ID number itself is not kept.
CREATE TABLE payers (
  payer_ref        text PRIMARY KEY,
  owner_id         text NOT NULL REFERENCES users,
  person_key       text NOT NULL,
  tax_person_id    text NOT NULL,
  is_self          boolean NOT NULL,
  -- Known only through a 请家人代缴 token (no ID number typed): the item, not the person's history.
  via_share        boolean NOT NULL DEFAULT false,
  id_type          text NOT NULL,
  masked_name      text NOT NULL,
  masked_id_number text NOT NULL,
  created_at       bigint NOT NULL,
  UNIQUE (owner_id, person_key)
);
CREATE UNIQUE INDEX payers_one_self_per_owner ON payers (owner_id) WHERE is_self;

-- The business order: one person-period, one amount. Its payment attempts are below.
CREATE TABLE orders (
  order_id        text PRIMARY KEY,
  owner_id        text NOT NULL REFERENCES users,
  payer_ref       text NOT NULL REFERENCES payers,
  person_key      text NOT NULL,
  idempotency_key text NOT NULL,
  -- The period an order holds: 'R2027', or 'F' and the first month (flexible months must start
  -- at the earliest unpaid one, so two orders for overlapping months share their first month).
  period_key      text NOT NULL,
  selection       jsonb NOT NULL,
  state           text NOT NULL,
  kind            text NOT NULL,
  item_name       text NOT NULL,
  period_label    text NOT NULL,
  period_start    text NOT NULL,
  period_end      text NOT NULL,
  amount_fen      integer NOT NULL CHECK (amount_fen > 0),
  subsidy_fen     integer NOT NULL CHECK (subsidy_fen >= 0),
  tier_label      text,
  tax_authority   text NOT NULL,
  region_name     text NOT NULL,
  cover_start     text NOT NULL,
  created_at      bigint NOT NULL,
  updated_at      bigint NOT NULL,
  paid_at         bigint,
  fail_reason     text,
  money_taken     boolean NOT NULL DEFAULT false,
  attempts        integer NOT NULL DEFAULT 0,
  reversing_since bigint
);
CREATE UNIQUE INDEX orders_idempotency ON orders (owner_id, idempotency_key);
-- One live order per person and period, whoever created it: the states that hold a period.
CREATE UNIQUE INDEX orders_one_live_per_period ON orders (person_key, period_key)
  WHERE state IN ('pending', 'paying', 'failed', 'reversing', 'paid', 'settled');
CREATE INDEX orders_by_owner ON orders (owner_id, created_at);

-- One try at the cashier. out_trade_no is what the payment provider knows it by.
CREATE TABLE payment_attempts (
  attempt_id   text PRIMARY KEY,
  order_id     text NOT NULL REFERENCES orders,
  out_trade_no text NOT NULL UNIQUE,
  amount_fen   integer NOT NULL CHECK (amount_fen > 0),
  state        text NOT NULL, -- open, paid, failed, cancelled, expired
  prepay_id    text UNIQUE,
  pay_params   jsonb,
  transaction_id text UNIQUE,
  created_at   bigint NOT NULL,
  updated_at   bigint NOT NULL,
  paid_at      bigint
);
CREATE UNIQUE INDEX attempts_one_open_per_order ON payment_attempts (order_id) WHERE state = 'open';

-- 电子缴费凭证: the tax system's voucher for a paid order.
CREATE TABLE receipts (
  order_id       text PRIMARY KEY REFERENCES orders,
  tax_voucher_no text NOT NULL UNIQUE,
  booked_at      bigint NOT NULL
);

-- 请家人代缴 tokens, kept as hashes. They name the person by key, never by number.
CREATE TABLE share_tokens (
  token_hash    text PRIMARY KEY,
  owner_id      text NOT NULL REFERENCES users,
  person_key    text NOT NULL,
  tax_person_id text NOT NULL,
  selection     jsonb NOT NULL,
  created_at    bigint NOT NULL,
  expires_at    bigint NOT NULL
);
