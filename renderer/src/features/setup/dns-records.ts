/** TXT records to publish, one entry per name with every value under it (in the order the agent gave them). */
export interface RecordGroup {
  name: string;
  values: string[];
}

/**
 * A certificate for a domain and its wildcard asks for two values under one name: both must be
 * published side by side, so they are shown together rather than as two records that look alike.
 */
export function groupRecordsByName(records: readonly { name: string; value: string }[]): RecordGroup[] {
  const groups = new Map<string, string[]>();
  for (const { name, value } of records) {
    const values = groups.get(name) ?? [];
    if (!values.includes(value)) values.push(value);
    groups.set(name, values);
  }
  return [...groups].map(([name, values]) => ({ name, values }));
}
