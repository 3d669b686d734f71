-- A refund the center asked for and the provider has not confirmed yet. Its own file: a new enum
-- value cannot be used in the transaction that adds it.
alter type public.payment_status add value if not exists 'refund_pending' after 'paid';
