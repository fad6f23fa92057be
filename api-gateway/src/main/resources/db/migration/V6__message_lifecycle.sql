-- Message lifecycle (issue 5 points 2 and 6): scheduled sends and the list filters.
-- send_at: when a scheduled message is due (NULL = sent at once). The dispatcher claims due rows with
-- SELECT ... WHERE status = 'SCHEDULED' AND send_at <= now ... FOR UPDATE SKIP LOCKED, hence ix_sms_message_due.
-- status: PARTIALLY_DELIVERED (19 characters) did not fit the first VARCHAR(16).
ALTER TABLE sms_message
    MODIFY COLUMN status VARCHAR(32) NOT NULL,
    ADD COLUMN send_at DATETIME(3) NULL AFTER status_callback,
    ADD KEY ix_sms_message_due (status, send_at),
    -- GET /v1/messages?to=, ?from= and ?reference=, newest first with the (created_at, id) cursor
    ADD KEY ix_sms_message_tenant_recipient (tenant_id, recipient, created_at, id),
    ADD KEY ix_sms_message_tenant_sender (tenant_id, sender, created_at, id),
    ADD KEY ix_sms_message_tenant_reference (tenant_id, reference, created_at, id);

ALTER TABLE sms_status_history
    MODIFY COLUMN status VARCHAR(32) NOT NULL;
