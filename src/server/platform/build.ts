/**
 * What this build of Fiche Client is (scripts/build.mjs defines it from package.json and
 * .clasp.template.json): its version, the project's page, and the template's /copy link when
 * one was made with `npm run template`. Outside a build (unit tests) the fields are blank.
 */
declare const __FICHE_CLIENT_BUILD__:
  { version: string; homepage: string; templateUrl: string } | undefined;

export interface BuildInfo {
  version: string;
  /** The project's page (its README), '' when package.json names none. */
  homepage: string;
  /** The template's "make a copy" link, '' when no template was made from this checkout. */
  templateUrl: string;
}

export const BUILD: BuildInfo =
  typeof __FICHE_CLIENT_BUILD__ === 'undefined'
    ? { version: '', homepage: '', templateUrl: '' }
    : __FICHE_CLIENT_BUILD__;
