-- WeChat Pay v3: the notifies received, the refunds owed, the jobs' next looks, and the daily
-- reconciliation an operator reads. Times are epoch milliseconds, money integer fen.

-- Who the attempt was made for: a notify's payer must be this openid.
ALTER TABLE payment_attempts ADD COLUMN openid text;
-- When the query job next asks WeChat Pay about an open attempt.
ALTER TABLE payment_attempts ADD COLUMN next_query_at bigint;
CREATE INDEX attempts_open_by_next_query ON payment_attempts (next_query_at) WHERE state = 'open';
-- attempt states: open, paid (pays its order), extra (paid, but the order was paid by another
-- attempt: refunded), failed, cancelled, expired.

-- When the booking job next asks the tax system about a paid order, and how often it has.
ALTER TABLE orders ADD COLUMN next_booking_at bigint;
ALTER TABLE orders ADD COLUMN booking_tries integer NOT NULL DEFAULT 0;
CREATE INDEX orders_by_next_booking ON orders (next_booking_at) WHERE state IN ('paying', 'paid');

-- Every verified notify, once: the id is WeChat Pay's, the same for each retry and duplicate.
CREATE TABLE wxpay_inbox (
  notify_id    text PRIMARY KEY,
  event_type   text NOT NULL,
  out_trade_no text,
  resource     jsonb NOT NULL,
  -- accepted, extra, already, refunded, refused-amount, refused-openid, refused-unknown-attempt
  outcome      text NOT NULL,
  -- For an operator: money that does not match what was asked for.
  flagged      boolean NOT NULL DEFAULT false,
  received_at  bigint NOT NULL
);
CREATE INDEX wxpay_inbox_flagged ON wxpay_inbox (received_at) WHERE flagged;

-- Money the server owes back: a payment the tax system refused (待冲正), or a second paid attempt.
CREATE TABLE refunds (
  out_refund_no text PRIMARY KEY,
  attempt_id    text NOT NULL UNIQUE REFERENCES payment_attempts,
  order_id      text NOT NULL REFERENCES orders,
  amount_fen    integer NOT NULL CHECK (amount_fen > 0),
  reason        text NOT NULL,
  state         text NOT NULL, -- requested, processing, succeeded, abnormal
  refund_id     text,
  tries         integer NOT NULL DEFAULT 0,
  next_check_at bigint NOT NULL,
  created_at    bigint NOT NULL,
  updated_at    bigint NOT NULL,
  succeeded_at  bigint
);
CREATE INDEX refunds_unsettled ON refunds (next_check_at) WHERE state IN ('requested', 'processing');

-- The trade bill of a day against the server's records: each difference, for an operator.
CREATE TABLE reconcile_runs (
  bill_date   text PRIMARY KEY,
  ran_at      bigint NOT NULL,
  bill_rows   integer NOT NULL,
  differences integer NOT NULL
);
CREATE TABLE reconcile_differences (
  bill_date     text NOT NULL REFERENCES reconcile_runs,
  kind          text NOT NULL, -- paid-at-wechat-only, paid-here-only, payment-amount-differs, refunded-…
  out_trade_no  text NOT NULL,
  out_refund_no text NOT NULL DEFAULT '',
  wechat_fen    integer,
  here_fen      integer,
  PRIMARY KEY (bill_date, kind, out_trade_no, out_refund_no)
);
