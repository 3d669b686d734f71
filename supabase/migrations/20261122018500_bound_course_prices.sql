-- A course's fee is at most ₹1 crore (automation.money.MAX_FEE_PAISE, the ceiling the admin API puts on a
-- link's fixed amount and discount). Admins write prices straight through the REST API, and a payment link
-- asks the payer for the course's price: a typo of a few extra digits would reach the payment provider.
alter table public.courses
  add constraint courses_price_at_most_one_crore check (price_paise <= 1000000000);

comment on constraint courses_price_at_most_one_crore on public.courses is
  'A fee above ₹1 crore (100,00,00,000 paise) is a typo; automation.money.MAX_FEE_PAISE is the same bound.';
