-- 全部缴纳: one business order for several people of a family, paid by one attempt over the sum.
-- Its items are ordinary rows of orders (family_order_id set), so "one live order per person and
-- period" (orders_one_live_per_period) holds for them as for any order.
CREATE TABLE family_orders (
  family_order_id text PRIMARY KEY,
  owner_id        text NOT NULL REFERENCES users,
  idempotency_key text NOT NULL,
  -- The items as asked (payerRef and selection, in order): the same key must ask the same again.
  request         jsonb NOT NULL,
  -- The payment's state: pending, paying (also while the tax system answers for the items), paid,
  -- failed, closed. Whose money comes back (refund, money taken) is read from the items.
  state           text NOT NULL,
  amount_fen      integer NOT NULL CHECK (amount_fen > 0),
  attempts        integer NOT NULL DEFAULT 0,
  fail_reason     text,
  created_at      bigint NOT NULL,
  updated_at      bigint NOT NULL,
  paid_at         bigint,
  UNIQUE (owner_id, idempotency_key)
);

ALTER TABLE orders ADD COLUMN family_order_id text REFERENCES family_orders;
CREATE INDEX orders_by_family ON orders (family_order_id) WHERE family_order_id IS NOT NULL;

-- An attempt pays either one order or one family order (then out_trade_no covers the sum).
ALTER TABLE payment_attempts ALTER COLUMN order_id DROP NOT NULL;
ALTER TABLE payment_attempts ADD COLUMN family_order_id text REFERENCES family_orders;
ALTER TABLE payment_attempts ADD CONSTRAINT attempts_pay_one_order CHECK ((order_id IS NULL) <> (family_order_id IS NULL));
CREATE UNIQUE INDEX attempts_one_open_per_family_order ON payment_attempts (family_order_id) WHERE state = 'open';
CREATE INDEX attempts_by_family ON payment_attempts (family_order_id) WHERE family_order_id IS NOT NULL;

-- A family attempt is refunded in parts, one per refused item (amount.refund < amount.total): several
-- refunds per attempt, at most one per item; a second paid family attempt is refunded whole (order_id NULL).
ALTER TABLE refunds DROP CONSTRAINT refunds_attempt_id_key;
ALTER TABLE refunds ALTER COLUMN order_id DROP NOT NULL;
CREATE UNIQUE INDEX refunds_one_per_attempt_and_order ON refunds (attempt_id, order_id);
