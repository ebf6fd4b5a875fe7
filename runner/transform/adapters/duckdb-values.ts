import {
  DuckDBTypeId,
  JSDuckDBValueConverter,
  type DuckDBType,
  type DuckDBValue,
  type DuckDBValueConverter,
  type JS,
} from '@duckdb/node-api';
import { toJsNumber } from './js-values';

/**
 * Row values as JavaScript, the same shapes the PostgreSQL adapter returns:
 * integers and decimals are numbers when exactly representable (else their decimal string), DATE is a
 * `YYYY-MM-DD` string, TIMESTAMP (no zone) and TIMESTAMPTZ are `Date`s (a zone-less timestamp read as
 * UTC), TIME and INTERVAL are their text form, lists/structs are arrays/objects.
 */
export const duckdbValueConverter: DuckDBValueConverter<unknown> = (
  value: DuckDBValue,
  type: DuckDBType,
  converter: DuckDBValueConverter<unknown>,
): unknown => {
  if (value === null) return null;
  switch (type.typeId) {
    case DuckDBTypeId.BIGINT:
    case DuckDBTypeId.UBIGINT:
    case DuckDBTypeId.HUGEINT:
    case DuckDBTypeId.UHUGEINT:
    case DuckDBTypeId.BIGNUM:
    case DuckDBTypeId.DECIMAL:
      return toJsNumber(String(value));
    case DuckDBTypeId.DATE:
    case DuckDBTypeId.TIME:
    case DuckDBTypeId.TIME_NS:
    case DuckDBTypeId.TIME_TZ:
    case DuckDBTypeId.INTERVAL:
      return String(value);
    default:
      return JSDuckDBValueConverter(value, type, converter as unknown as DuckDBValueConverter<JS>);
  }
};
