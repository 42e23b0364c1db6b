-- Access requests, the office part: the fingerprint of the body an API client sent with its
-- idempotency key (the same key with another body is refused, the same body answered again).
alter table access_requests add column idempotency_fingerprint text;
