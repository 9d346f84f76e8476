export * from './incident-plan.entity.js';
export * from './incident-review.entity.js';
export * from './incident-statement.entity.js';
export * from './incident.entity.js';
export * from './incidents.constants.js';
export * from './incidents.module.js';
export * from './spike-detector.service.js';
export * from './plan-runner.service.js';
