CREATE TABLE `totps` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`policy_name` text NOT NULL,
	`status` text NOT NULL,
	`issuer` text NOT NULL,
	`username` text NOT NULL,
	`algorithm` text NOT NULL,
	`digits` integer NOT NULL,
	`period` integer NOT NULL,
	`sealed_secret` text NOT NULL,
	`last_step` integer DEFAULT -1 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`activated_at` integer,
	`expires_at` integer,
	`last_authenticated_at` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `totps_user_policy` ON `totps` (`user_id`,`policy_name`);