// moby api/types/filters: a list or inspect request's filters, key to values (filters.Args).
export type Filters = Map<string, string[]>;
