import type { Adapter } from '../../adapters/adapter';
import { materialize } from './materialize';

/** dbt-tests-adapter's `base` seed: 10 rows of id, name, some_date. */
export const BASE_CSV = [
  'id,name,some_date',
  '1,Easton,1981-05-20T06:46:51',
  '2,Lillian,1978-09-03T18:10:33',
  '3,Jeremiah,1982-03-11T03:59:51',
  '4,Nolan,1976-05-06T20:21:35',
  '5,Hannah,1982-06-23T05:41:26',
  '6,Eleanor,1991-08-10T23:12:21',
  '7,Lily,1971-03-29T14:58:02',
  '8,Jonathan,1988-02-26T02:55:24',
  '9,Adrian,1994-02-09T13:14:23',
  '10,Nora,1976-03-01T16:51:39',
].join('\n');

/** `added`: the same 10 rows and ids 11–20. */
export const ADDED_CSV = [
  BASE_CSV,
  '11,Mateo,2014-09-07T17:04:27',
  '12,Julian,2000-02-04T11:48:30',
  '13,Gabriel,2001-07-10T07:32:52',
  '14,Isaac,2002-11-24T03:22:28',
  '15,Levi,2009-11-15T11:57:15',
  '16,Elizabeth,2005-04-09T03:50:11',
  '17,Grayson,2019-08-06T19:28:17',
  '18,Dylan,2014-03-01T11:50:41',
  '19,Jayden,2009-06-06T07:12:49',
  '20,Luke,2003-12-05T21:42:18',
].join('\n');

/** Load a CSV as a seed table in `schema`. */
export async function seedTable(adapter: Adapter, name: string, csv: string, schema = 'raw'): Promise<void> {
  await materialize(
    adapter,
    name,
    '',
    { materialized: 'seed', schema },
    { seed: { path: `${name}.csv`, csv } },
  );
}
