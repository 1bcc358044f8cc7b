CREATE TABLE `biometrics` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`type` text NOT NULL,
	`subtype` text NOT NULL,
	`status` text NOT NULL,
	`algorithm` text NOT NULL,
	`policy_name` text NOT NULL,
	`sealed_template` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `biometrics_user_type` ON `biometrics` (`user_id`,`type`);