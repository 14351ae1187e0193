import { scriptError } from './errors';
import { methodRow } from './scopes';

/**
 * Simple triggers (onOpen, onEdit) run in AuthMode.LIMITED and "cannot access services that
 * require authorization" (https://developers.google.com/apps-script/guides/triggers#restrictions).
 * Such a call fails with "You do not have permission to call MailApp.sendEmail. Required
 * permissions: https://www.googleapis.com/auth/script.send_mail" (the text real scripts report).
 */
export const RESTRICTED_IN_SIMPLE_TRIGGERS: Record<string, { methods: string[]; scope: string }> = {
  MailApp: {
    methods: ['sendEmail', 'getRemainingDailyQuota'],
    scope: 'https://www.googleapis.com/auth/script.send_mail',
  },
  UrlFetchApp: {
    methods: ['fetch', 'fetchAll'],
    scope: 'https://www.googleapis.com/auth/script.external_request',
  },
  // Dialogs and sidebars need the container UI scope; a simple onOpen can add menus only.
  Ui: {
    methods: ['showSidebar', 'showModalDialog', 'showModelessDialog'],
    scope: 'https://www.googleapis.com/auth/script.container.ui',
  },
  ScriptApp: {
    methods: ['newTrigger', 'getProjectTriggers', 'getUserTriggers', 'deleteTrigger'],
    scope: 'https://www.googleapis.com/auth/script.scriptapp',
  },
};

export function permissionDenied(className: string, method: string, scope: string): Error {
  return scriptError(
    scope
      ? `You do not have permission to call ${className}.${method}. Required permissions: ${scope}`
      : `You do not have permission to call ${className}.${method}.`,
  );
}

/**
 * AuthMode.NONE: "A mode that does not allow access to any services that require
 * authorization. This mode occurs when an add-on executes an onOpen(e) simple trigger, and the
 * user has installed an add-on in a different document but the add-on has not been used in the
 * current document" (https://developers.google.com/apps-script/reference/script/auth-mode).
 * The add-on authorization guide's table of modes
 * (https://developers.google.com/workspace/add-ons/concepts/editor-auth-lifecycle#authorization_modes)
 * gives, for NONE: user data, the locale only; the document, no; the user interface, creating
 * add-on menu items only; Properties, no; other services, Logger and Utilities. The menus guide
 * adds "Do not attempt to take any action that requires authorization (such as checking the
 * script Properties) while the add-on is in ScriptApp.AuthMode.NONE"
 * (https://developers.google.com/workspace/add-ons/concepts/menus).
 *
 * So in NONE a service's methods are refused except those listed here (services absent from
 * the list, Logger, console and Utilities, are left whole); enums and other non-function
 * properties (ScriptApp.AuthMode, Ui.ButtonSet) read as usual. The refusal's text is the
 * emulator's, in the wording of the simple-trigger refusal above, with the method's scopes from
 * the fidelity table (scopes.ts) when it has any.
 */
export const ALLOWED_WITHOUT_AUTHORIZATION: Record<string, readonly string[]> = {
  SpreadsheetApp: ['getUi'],
  Ui: ['createMenu', 'createAddonMenu'],
  Session: ['getActiveUserLocale', 'getScriptTimeZone'],
  PropertiesService: [],
  CacheService: [],
  LockService: [],
  ScriptApp: [],
  MailApp: [],
  UrlFetchApp: [],
  HtmlService: [],
};

/** The service as an execution in AuthMode.NONE sees it (ALLOWED_WITHOUT_AUTHORIZATION). */
export function unauthorized<T extends object>(className: string, service: T): T {
  const allowed = ALLOWED_WITHOUT_AUTHORIZATION[className];
  if (!allowed) return service;
  return new Proxy(service, {
    get(target, key, receiver) {
      const value: unknown = Reflect.get(target, key, receiver);
      if (typeof key !== 'string' || typeof value !== 'function' || allowed.includes(key))
        return value;
      return () => {
        const row = methodRow(`${className}.${key}`);
        throw permissionDenied(className, key, row ? row.scopes.join(' ') : '');
      };
    },
  });
}

/** The service as a simple trigger sees it: the restricted methods throw. */
export function restricted<T extends object>(className: string, service: T): T {
  const rule = RESTRICTED_IN_SIMPLE_TRIGGERS[className];
  if (!rule) return service;
  return new Proxy(service, {
    get(target, key, receiver) {
      const value: unknown = Reflect.get(target, key, receiver);
      if (typeof key !== 'string' || !rule.methods.includes(key)) return value;
      return () => {
        throw permissionDenied(className, key, rule.scope);
      };
    },
  });
}
