CREATE TABLE `push_deliveries` (
	`push_id` text NOT NULL,
	`device_id` text NOT NULL,
	`appkey_id` text NOT NULL,
	`platform` text NOT NULL,
	`status` text NOT NULL,
	`error` text,
	`attempts` integer DEFAULT 0 NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`push_id`, `device_id`),
	FOREIGN KEY (`push_id`) REFERENCES `pushes`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `pushes` (
	`id` text PRIMARY KEY NOT NULL,
	`store_id` text NOT NULL,
	`user_id` text NOT NULL,
	`rp_id` text NOT NULL,
	`status` text NOT NULL,
	`title` text NOT NULL,
	`body` text NOT NULL,
	`data` text,
	`policy_name` text NOT NULL,
	`app_id` text NOT NULL,
	`challenge` text NOT NULL,
	`transaction_text` text NOT NULL,
	`fido_authentication_request` text NOT NULL,
	`number_digest` text,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`answered_at` integer,
	`authentication_id` text,
	`unanswered_at` integer,
	FOREIGN KEY (`store_id`) REFERENCES `stores`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `pushes_user_rp` ON `pushes` (`user_id`,`rp_id`,`created_at`);--> statement-breakpoint
ALTER TABLE `appkeys` ADD `push_token_invalid_at` integer;--> statement-breakpoint
-- A push ends once: APPROVED, DECLINED, EXPIRED, SUPERSEDED and FAILED are final, so of two
-- concurrent answers that both verified, the second one's batch fails and writes nothing.
CREATE TRIGGER `pushes_final_once`
BEFORE UPDATE OF `status` ON `pushes`
WHEN OLD.`status` NOT IN ('QUEUED', 'SENT')
BEGIN
  SELECT RAISE(ABORT, 'PUSH_ALREADY_FINAL');
END;
