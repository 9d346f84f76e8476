export * from './complaint.constants.js';
export * from './complaint.entity.js';
export * from './complaint-message.entity.js';
export * from './complaints.module.js';
export * from './intake-key.entity.js';
export * from './triage-example.entity.js';
export * from './triage-rule.entity.js';
