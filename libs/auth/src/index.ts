export * from './auth.errors.js';
export * from './auth.module.js';
export * from './staff.dto.js';
export * from './staff.entity.js';
export * from './staff-directory.service.js';
