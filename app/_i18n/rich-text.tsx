import { Fragment, type ReactNode } from 'react';

/**
 * A dictionary sentence with markup in it: each `{name}` in `template` is replaced by
 * `values[name]` (e.g. a `<code>` element), wherever the language puts it.
 */
export function RichText({ template, values }: { template: string; values: Readonly<Record<string, ReactNode>> }) {
  // split() with a capturing group alternates text and placeholder names: text, name, text, …
  return template.split(/\{(\w+)\}/).map((part, index) => (
    <Fragment key={index}>{index % 2 === 1 ? (values[part] ?? `{${part}}`) : part}</Fragment>
  ));
}
