import { signInHref, type ClientPaths } from './session-state.js';

/** The page the browser is on (path and query), for `returnTo`. */
export function currentPath(): string {
  return `${window.location.pathname}${window.location.search}`;
}

/**
 * Goes to the sign-in route; after signing in the user lands on `returnTo` (default: the current
 * page). The server keeps only a same-origin `returnTo` (others fall back to its default).
 */
export function startSignIn(paths: Pick<ClientPaths, 'signIn'>, returnTo: string = currentPath()): void {
  window.location.assign(signInHref(paths, returnTo));
}

/**
 * Signs out with a `POST` to the sign-out route, as a form submission: the browser sends its
 * `Origin` (the route refuses cross-site requests) and follows the route's 303 to Logto's
 * end-session endpoint and back to `paths.afterSignOut`. A `fetch` could not follow that
 * cross-origin redirect. For a plain button, a `<form action={paths.signOut} method="post">`
 * does the same without JavaScript.
 */
export function submitSignOut(paths: Pick<ClientPaths, 'signOut'>): void {
  const form = document.createElement('form');
  form.method = 'post';
  form.action = paths.signOut;
  form.hidden = true;
  document.body.append(form);
  form.submit();
}
