CREATE TABLE `appkeys` (
	`id` text PRIMARY KEY NOT NULL,
	`store_id` text NOT NULL,
	`user_id` text NOT NULL,
	`rp_id` text NOT NULL,
	`aaid` text NOT NULL,
	`key_id` text NOT NULL,
	`key_type` text NOT NULL,
	`public_key` text NOT NULL,
	`algorithm` integer NOT NULL,
	`sign_counter` integer NOT NULL,
	`attestation_type` text NOT NULL,
	`attestation_verified` integer NOT NULL,
	`device_id` text,
	`name` text,
	`status` text NOT NULL,
	`push_token` text,
	`push_platform` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`last_authenticated_at` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `appkeys_store_rp_key` ON `appkeys` (`store_id`,`rp_id`,`key_id`);--> statement-breakpoint
CREATE INDEX `appkeys_user` ON `appkeys` (`user_id`);