export { openDatabase, type Database, type DatabaseHandle, type DatabaseOptions } from "./client";
export { closeDatabase, getDatabase } from "./database";
export { guarded, LedgerError, LedgerUnavailableError, SchemaBehindError } from "./errors";
export { checkSchema, ensureSchema, migrateDatabase, MIGRATIONS_FOLDER, type SchemaState } from "./migrate";
