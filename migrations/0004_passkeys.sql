CREATE TABLE `passkeys` (
	`id` text PRIMARY KEY NOT NULL,
	`store_id` text NOT NULL,
	`user_id` text NOT NULL,
	`rp_id` text NOT NULL,
	`credential_id` text NOT NULL,
	`public_key` text NOT NULL,
	`sign_count` integer NOT NULL,
	`transports` text NOT NULL,
	`aaguid` text NOT NULL,
	`attestation_format` text NOT NULL,
	`user_handle` text NOT NULL,
	`backup_eligible` integer NOT NULL,
	`backup_state` integer NOT NULL,
	`user_verified` integer NOT NULL,
	`status` text NOT NULL,
	`name` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`last_authenticated_at` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `passkeys_store_rp_credential` ON `passkeys` (`store_id`,`rp_id`,`credential_id`);--> statement-breakpoint
CREATE INDEX `passkeys_user` ON `passkeys` (`user_id`);--> statement-breakpoint
ALTER TABLE `auth_audits` ADD `event` text DEFAULT 'AUTHENTICATION' NOT NULL;