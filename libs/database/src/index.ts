export * from './database-options.js';
export * from './database.module.js';
export * from './entities.js';
export * from './migrate.js';
