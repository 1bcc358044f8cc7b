-- Replay protection lives in the database: an accepted TOTP time step can only move forward.
-- An update that would set last_step to a step already used (or older) aborts its whole batch,
-- so the success, the audit row and the step advance commit together or not at all.
CREATE TRIGGER `totps_step_forward_only`
BEFORE UPDATE OF `last_step` ON `totps`
WHEN NEW.`last_step` <= OLD.`last_step`
BEGIN
  SELECT RAISE(ABORT, 'TOTP_STEP_REPLAYED');
END;
