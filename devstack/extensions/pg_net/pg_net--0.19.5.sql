-- pg_net 0.19's public interface: requests are queued here and performed after commit by a worker
-- (devstack's, outside PostgreSQL); responses land in net._http_response.
create schema if not exists net;

create domain net.http_method as text
  check (value ilike 'get' or value ilike 'post' or value ilike 'delete');

create table net.http_request_queue (
  id bigserial,
  method net.http_method not null,
  url text not null,
  headers jsonb not null,
  body bytea,
  timeout_milliseconds int not null
);

create table net._http_response (
  id bigint,
  status_code integer,
  content_type text,
  headers jsonb,
  content text,
  timed_out bool,
  error_msg text,
  created timestamptz not null default now()
);
create index on net._http_response (created);

-- Percent-encode everything but RFC 3986's unreserved characters.
create function net._urlencode_string(string varchar) returns text
language sql immutable strict as $$
  select coalesce(string_agg(
    case when b between 48 and 57 or b between 65 and 90 or b between 97 and 122 or b in (45, 46, 95, 126)
         then chr(b) else '%' || upper(lpad(to_hex(b), 2, '0')) end, '' order by i), '')
    from (select get_byte(bytes, i) as b, i
            from (select convert_to(string, 'UTF8') as bytes) s,
                 generate_series(0, length(convert_to(string, 'UTF8')) - 1) i) encoded
$$;

create function net._encode_url_with_params_array(url text, params_array text[]) returns text
language sql immutable strict as $$
  select case when cardinality(params_array) = 0 then url
              else url || case when url like '%?%' then '&' else '?' end || array_to_string(params_array, '&') end
$$;

create function net._params(params jsonb) returns text[]
language sql immutable as $$
  select coalesce(array_agg(net._urlencode_string(key) || '=' || net._urlencode_string(value)), '{}')
    from jsonb_each_text(coalesce(params, '{}'))
$$;

-- Wakes the worker (it also polls); pg_net's C function of the same name does this for its own worker.
create function net.wake() returns void
language sql as $$ select pg_notify('devstack_pg_net', '') $$;

create function net._enqueue(method text, url text, headers jsonb, body bytea, timeout_milliseconds int)
returns bigint language plpgsql as $$
declare
  request_id bigint;
begin
  insert into net.http_request_queue (method, url, headers, body, timeout_milliseconds)
  values (method, url, coalesce(headers, '{}'), body, timeout_milliseconds)
  returning id into request_id;
  perform net.wake();
  return request_id;
end
$$;

create function net.http_get(
  url text, params jsonb default '{}', headers jsonb default '{}', timeout_milliseconds int default 5000
) returns bigint language sql as $$
  select net._enqueue('GET', net._encode_url_with_params_array(url, net._params(params)), headers, null,
                      timeout_milliseconds)
$$;

create function net.http_post(
  url text, body jsonb default '{}', params jsonb default '{}',
  headers jsonb default '{"Content-Type": "application/json"}', timeout_milliseconds int default 5000
) returns bigint language plpgsql as $$
declare
  content_type text := (select value from jsonb_each_text(coalesce(headers, '{}')) where lower(key) = 'content-type');
begin
  if content_type is null then
    headers := coalesce(headers, '{}') || '{"Content-Type": "application/json"}';
  elsif content_type <> 'application/json' then
    raise exception 'Content-Type header must be "application/json"';
  end if;
  return net._enqueue('POST', net._encode_url_with_params_array(url, net._params(params)), headers,
                      convert_to(body::text, 'UTF8'), timeout_milliseconds);
end
$$;

create function net.http_delete(
  url text, params jsonb default '{}', headers jsonb default '{}', timeout_milliseconds int default 5000,
  body jsonb default null
) returns bigint language sql as $$
  select net._enqueue('DELETE', net._encode_url_with_params_array(url, net._params(params)), headers,
                      convert_to(body::text, 'UTF8'), timeout_milliseconds)
$$;

grant usage on schema net to postgres, service_role;
grant all on all tables in schema net to postgres, service_role;
grant all on all sequences in schema net to postgres, service_role;
grant execute on all functions in schema net to postgres, service_role;
