-- The client's X-Request-ID moves out of the key. usage_records.request_id is now always the gateway's own
-- id, unique per request; a client may send the same X-Request-ID on many requests (retries, a fixed
-- header, or on purpose), and with its id as the key every record after the first was dropped as a
-- duplicate. The client's id is kept here for tracing and look-ups: nullable, not unique. The index is
-- partial because most clients send none; a look-up by value (client_request_id = ?) can still use it.
ALTER TABLE usage_records ADD COLUMN client_request_id TEXT;
CREATE INDEX usage_records_client_request_id ON usage_records (client_request_id)
    WHERE client_request_id IS NOT NULL;
