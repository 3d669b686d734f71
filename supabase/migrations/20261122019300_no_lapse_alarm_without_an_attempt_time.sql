-- "Paid after the link lapsed" needs an attempt known to have begun after the lapse (decision 0692). A
-- PhonePe v1 status answer carries no attempt time (shared/providers.md 5A), and reconciliation may confirm
-- a payment begun in time long after its link lapsed (a bank's late settlement, a lost callback found by the
-- next check), so elapsed time alone is no evidence. Without an attempt time only a link we had closed
-- (was = 'expired', checked by private.apply_payment_state before this is called) raises the alarm.

create or replace function private.began_after_lapse(pay public.payments, p_raw jsonb, p_payment_id text)
returns boolean
language plpgsql stable set search_path = '' as $$
declare
  began timestamptz;
begin
  begin
    if pay.provider = 'phonepe' then  -- v2 order status: each attempt's start, epoch milliseconds
      select to_timestamp((d ->> 'timestamp')::numeric / 1000) into began
        from jsonb_array_elements(p_raw -> 'paymentDetails') d where d ->> 'transactionId' = p_payment_id;
    else  -- Instamojo: the request's payments, each with its own created_at
      select (d ->> 'created_at')::timestamptz into began
        from jsonb_array_elements(p_raw -> 'payments') d where d ->> 'id' = p_payment_id;
    end if;
  exception when data_exception then  -- not the shape we know: the start is unknown
    began := null;
  end;
  return coalesce(began > pay.expires_at, false);
end
$$;
comment on function private.began_after_lapse(public.payments, jsonb, text) is
  'Whether the attempt p_payment_id that paid `pay` (past its expires_at) is known to have begun after the '
  'link lapsed: its start from the provider''s answer p_raw (PhonePe v2 paymentDetails[].timestamp, '
  'Instamojo payments[].created_at). False when the answer has no start (PhonePe v1): however late the '
  'confirmation, the attempt may have begun in time (decision 0692).';

revoke execute on all functions in schema private from public;
