export * from './audit-record.entity.js';
export * from './audit-log.service.js';
export * from './audit.dto.js';
export * from './audit.module.js';
