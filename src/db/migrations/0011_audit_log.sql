-- The audit log (issue 9, ADR 0024): every state-changing API request by an operator and
-- every sign-in attempt, with who, when, what, the target, the answer and a redacted summary
-- of the body. Commands keep their own, richer record (command_audit, with the station's reply).
CREATE TABLE audit_log (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at           timestamptz NOT NULL,
  -- operator:<uuid>, driver:<uuid> (sign-ins only) or anonymous (a failed sign-in)
  actor        text NOT NULL,
  actor_email  text,
  actor_role   text,
  -- METHOD and the route pattern, e.g. PATCH /api/v1/operators/:id
  action       text NOT NULL,
  -- the route's path parameters as sent, joined with '/' (the station, the operator, ...)
  target       text,
  -- the HTTP status answered; outcome is ok (2xx), refused (4xx) or failed (5xx)
  status       integer NOT NULL,
  outcome      text NOT NULL CONSTRAINT audit_log_outcome_check CHECK (outcome IN ('ok', 'refused', 'failed')),
  -- the body with every secret replaced, cut to a few KiB
  summary      jsonb,
  address      text,
  request_id   text
);
CREATE INDEX audit_log_at_idx ON audit_log (at DESC);
CREATE INDEX audit_log_actor_idx ON audit_log (actor, id DESC);
CREATE INDEX audit_log_target_idx ON audit_log (target, id DESC);
