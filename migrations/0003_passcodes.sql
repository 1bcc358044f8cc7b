CREATE TABLE `passcodes` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`policy_name` text NOT NULL,
	`status` text NOT NULL,
	`srp_group` integer NOT NULL,
	`srp_hash` text NOT NULL,
	`srp_profile` text NOT NULL,
	`salt` text NOT NULL,
	`sealed_verifier` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`activated_at` integer NOT NULL,
	`expires_at` integer,
	`last_authenticated_at` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `passcodes_user_policy` ON `passcodes` (`user_id`,`policy_name`);