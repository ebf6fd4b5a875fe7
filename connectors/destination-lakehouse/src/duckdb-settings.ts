/**
 * DuckDB settings of the destination's own database instance, chosen for bulk loading (issue #5).
 */
export const DUCKDB_SESSION_SETTINGS: readonly string[] = [
  // Rows may be written in any order: a batch's arrival order is kept by the staging table's rowid, which is
  // what append_dedup ranks by. Lets INSERT ... SELECT compress and write row groups without ordering them.
  'SET preserve_insertion_order = false',
  // A commit of at least one row group (122,880 rows) writes compressed row groups straight into the file;
  // the rows after the last full group of each commit form a smaller group. Checkpoints would merge ("vacuum")
  // such groups by decompressing and compressing them again, seconds per million rows: not while loading.
  'SET max_vacuum_tasks = 0',
  // Dictionary compression hashes every string while analysing a column, mostly to lose to FSST on JSON text:
  // without it, loading takes about 10% less CPU for files about 5% larger (1M bench records: 377 MB, not 359).
  "SET disabled_compression_methods = 'dictionary'",
];
