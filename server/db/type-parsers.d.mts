export declare const TYPE_OID: { readonly bytea: 17; readonly int8: 20; readonly numeric: 1700; readonly date: 1082 };
export declare const sharedParsers: Readonly<Record<number, (value: string) => unknown>>;
