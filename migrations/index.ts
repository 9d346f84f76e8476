import { Spine1795550756685 } from './1795550756685-Spine.js';
import { Intake1795552014713 } from './1795552014713-Intake.js';
import { Tickets1795600198176 } from './1795600198176-Tickets.js';
import { Compensation1795601521611 } from './1795601521611-Compensation.js';
import { Incidents1795602366762 } from './1795602366762-Incidents.js';

/** Every migration in order. A new migration file must be added here (the drift check fails otherwise). */
export const MIGRATIONS = [
  Spine1795550756685,
  Intake1795552014713,
  Tickets1795600198176,
  Compensation1795601521611,
  Incidents1795602366762,
];
