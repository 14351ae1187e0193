import { scriptError } from './errors';

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
    `You do not have permission to call ${className}.${method}. Required permissions: ${scope}`,
  );
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
