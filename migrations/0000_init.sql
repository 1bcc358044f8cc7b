CREATE TABLE `auth_audits` (
	`id` text PRIMARY KEY NOT NULL,
	`store_id` text NOT NULL,
	`user_id` text NOT NULL,
	`type` text NOT NULL,
	`result` text NOT NULL,
	`error_code` integer,
	`policy_name` text,
	`rp_id` text,
	`credential_id` text,
	`context` text NOT NULL,
	`record` text NOT NULL,
	`display_info` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`store_id`) REFERENCES `stores`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `auth_audits_user_created` ON `auth_audits` (`user_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `modality_locks` (
	`user_id` text NOT NULL,
	`modality` text NOT NULL,
	`failed_attempts` integer DEFAULT 0 NOT NULL,
	`locked_until` integer,
	PRIMARY KEY(`user_id`, `modality`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `stores` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant` text NOT NULL,
	`name` text NOT NULL,
	`description` text,
	`configuration` text NOT NULL,
	`attribute_schema` text,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `stores_tenant_name` ON `stores` (`tenant`,`name`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` text PRIMARY KEY NOT NULL,
	`store_id` text NOT NULL,
	`ext_id` text NOT NULL,
	`status` text NOT NULL,
	`profile` text DEFAULT '{}' NOT NULL,
	`attributes` text DEFAULT '{}' NOT NULL,
	`failed_attempts` integer DEFAULT 0 NOT NULL,
	`temp_lock_count` integer DEFAULT 0 NOT NULL,
	`locked_until` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`last_authenticated_at` integer,
	FOREIGN KEY (`store_id`) REFERENCES `stores`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_store_ext_id` ON `users` (`store_id`,`ext_id`);--> statement-breakpoint
CREATE INDEX `users_store_status` ON `users` (`store_id`,`status`);