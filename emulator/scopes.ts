/**
 * The emulator's fidelity table: every Apps Script method the emulator emulates, as the
 * "Class.method" kind it counts (counting.ts `counted`, spreadsheet/service/base.ts `expose`,
 * logger.ts `console.*`), with the OAuth scopes Google's reference lists under "Authorization"
 * for it and the reference page. A script may call a method only if the manifest grants one of
 * its scopes; [] = the reference lists none (the call is free).
 *
 * Sources: the reference pages (doc link of each row); where a page could not be read the
 * stricter choice was taken (the scope is required); such rows are listed by `unconfirmed()`.
 * Research notes: the reference pages read, and the public error reports behind the
 * Session.getActiveUser (userinfo.email), Ui.showModalDialog (script.container.ui),
 * ScriptApp.getProjectTriggers (script.scriptapp) and UrlFetchApp (script.external_request,
 * https://github.com/googleworkspace/apps-script-oauth2/issues/125) rows.
 *
 * A counted call of a kind missing from this table throws (see `notInTable`): a product calling
 * a method the emulator has not been checked for fails its tests until a row is added here (with
 * its scopes and doc link) and in FIDELITY.md.
 */
import { existsSync, readFileSync } from 'node:fs';
import { scriptError } from './errors';

const REFERENCE = 'https://developers.google.com/apps-script/reference/';
const AUTH = 'https://www.googleapis.com/auth/';

export const SCOPES = {
  currentOnly: `${AUTH}spreadsheets.currentonly`,
  spreadsheets: `${AUTH}spreadsheets`,
  containerUi: `${AUTH}script.container.ui`,
  externalRequest: `${AUTH}script.external_request`,
  scriptApp: `${AUTH}script.scriptapp`,
  sendMail: `${AUTH}script.send_mail`,
  userEmail: `${AUTH}userinfo.email`,
} as const;

type Scopes = readonly string[];
const NONE: Scopes = [];
/** The bound spreadsheet's methods: either scope will do, the narrower one first. */
const SHEETS: Scopes = [SCOPES.currentOnly, SCOPES.spreadsheets];
const ALL_SHEETS: Scopes = [SCOPES.spreadsheets];
const UI: Scopes = [SCOPES.containerUi];
const EXTERNAL: Scopes = [SCOPES.externalRequest];
const SCRIPTAPP: Scopes = [SCOPES.scriptApp];
const SEND_MAIL: Scopes = [SCOPES.sendMail];
const EMAIL: Scopes = [SCOPES.userEmail];

/** kind → [scopes (any one suffices), reference page under REFERENCE]. */
const ROWS: Record<string, readonly [Scopes, string]> = {
  'Blob.copyBlob': [NONE, 'base/blob#copyBlob()'],
  'Blob.getBytes': [NONE, 'base/blob#getBytes()'],
  'Blob.getContentType': [NONE, 'base/blob#getContentType()'],
  'Blob.getDataAsString': [NONE, 'base/blob#getDataAsString()'],
  'Blob.getName': [NONE, 'base/blob#getName()'],
  'Blob.setContentType': [NONE, 'base/blob#setContentType(Object)'],
  'Blob.setDataFromString': [NONE, 'base/blob#setDataFromString(String)'],
  'Blob.setName': [NONE, 'base/blob#setName(String)'],
  'BooleanCondition.getBackground': [NONE, 'spreadsheet/boolean-condition#getBackground()'],
  'BooleanCondition.getBold': [NONE, 'spreadsheet/boolean-condition#getBold()'],
  'BooleanCondition.getCriteriaType': [NONE, 'spreadsheet/boolean-condition#getCriteriaType()'],
  'BooleanCondition.getCriteriaValues': [NONE, 'spreadsheet/boolean-condition#getCriteriaValues()'],
  'BooleanCondition.getFontColor': [NONE, 'spreadsheet/boolean-condition#getFontColor()'],
  'BooleanCondition.getItalic': [NONE, 'spreadsheet/boolean-condition#getItalic()'],
  'BooleanCondition.getStrikethrough': [NONE, 'spreadsheet/boolean-condition#getStrikethrough()'],
  'BooleanCondition.getUnderline': [NONE, 'spreadsheet/boolean-condition#getUnderline()'],
  'Cache.get': [NONE, 'cache/cache#get(String)'],
  'Cache.getAll': [NONE, 'cache/cache#getAll(String[])'],
  'Cache.put': [NONE, 'cache/cache#put(String,String)'],
  'Cache.putAll': [NONE, 'cache/cache#putAll(Object)'],
  'Cache.remove': [NONE, 'cache/cache#remove(String)'],
  'Cache.removeAll': [NONE, 'cache/cache#removeAll(String[])'],
  'CacheService.getDocumentCache': [NONE, 'cache/cache-service#getDocumentCache()'],
  'CacheService.getScriptCache': [NONE, 'cache/cache-service#getScriptCache()'],
  'CacheService.getUserCache': [NONE, 'cache/cache-service#getUserCache()'],
  'ClockTriggerBuilder.after': [NONE, 'script/clock-trigger-builder#after(Integer)'],
  'ClockTriggerBuilder.at': [NONE, 'script/clock-trigger-builder#at(Date)'],
  'ClockTriggerBuilder.atHour': [NONE, 'script/clock-trigger-builder#atHour(Integer)'],
  'ClockTriggerBuilder.create': [NONE, 'script/clock-trigger-builder#create()'],
  'ClockTriggerBuilder.everyDays': [NONE, 'script/clock-trigger-builder#everyDays(Integer)'],
  'ClockTriggerBuilder.everyHours': [NONE, 'script/clock-trigger-builder#everyHours(Integer)'],
  'ClockTriggerBuilder.everyMinutes': [NONE, 'script/clock-trigger-builder#everyMinutes(Integer)'],
  'ClockTriggerBuilder.everyWeeks': [NONE, 'script/clock-trigger-builder#everyWeeks(Integer)'],
  'ClockTriggerBuilder.inTimezone': [NONE, 'script/clock-trigger-builder#inTimezone(String)'],
  'ClockTriggerBuilder.nearMinute': [NONE, 'script/clock-trigger-builder#nearMinute(Integer)'],
  'ClockTriggerBuilder.onMonthDay': [NONE, 'script/clock-trigger-builder#onMonthDay(Integer)'],
  'ClockTriggerBuilder.onWeekDay': [NONE, 'script/clock-trigger-builder#onWeekDay(Weekday)'],
  'ConditionalFormatRule.copy': [NONE, 'spreadsheet/conditional-format-rule#copy()'],
  'ConditionalFormatRule.getBooleanCondition': [
    NONE,
    'spreadsheet/conditional-format-rule#getBooleanCondition()',
  ],
  'ConditionalFormatRule.getGradientCondition': [
    NONE,
    'spreadsheet/conditional-format-rule#getGradientCondition()',
  ],
  'ConditionalFormatRule.getRanges': [NONE, 'spreadsheet/conditional-format-rule#getRanges()'],
  'ConditionalFormatRuleBuilder.build': [
    SHEETS,
    'spreadsheet/conditional-format-rule-builder#build()',
  ],
  'ConditionalFormatRuleBuilder.copy': [
    SHEETS,
    'spreadsheet/conditional-format-rule-builder#copy()',
  ],
  'ConditionalFormatRuleBuilder.getBooleanCondition': [
    SHEETS,
    'spreadsheet/conditional-format-rule-builder#getBooleanCondition()',
  ],
  'ConditionalFormatRuleBuilder.getRanges': [
    SHEETS,
    'spreadsheet/conditional-format-rule-builder#getRanges()',
  ],
  'ConditionalFormatRuleBuilder.setBackground': [
    SHEETS,
    'spreadsheet/conditional-format-rule-builder#setBackground(Object)',
  ],
  'ConditionalFormatRuleBuilder.setBold': [
    SHEETS,
    'spreadsheet/conditional-format-rule-builder#setBold(Object)',
  ],
  'ConditionalFormatRuleBuilder.setFontColor': [
    SHEETS,
    'spreadsheet/conditional-format-rule-builder#setFontColor(Object)',
  ],
  'ConditionalFormatRuleBuilder.setItalic': [
    SHEETS,
    'spreadsheet/conditional-format-rule-builder#setItalic(Object)',
  ],
  'ConditionalFormatRuleBuilder.setRanges': [
    SHEETS,
    'spreadsheet/conditional-format-rule-builder#setRanges(Range[])',
  ],
  'ConditionalFormatRuleBuilder.setStrikethrough': [
    SHEETS,
    'spreadsheet/conditional-format-rule-builder#setStrikethrough(Object)',
  ],
  'ConditionalFormatRuleBuilder.setUnderline': [
    SHEETS,
    'spreadsheet/conditional-format-rule-builder#setUnderline(Object)',
  ],
  'ConditionalFormatRuleBuilder.whenCellEmpty': [
    SHEETS,
    'spreadsheet/conditional-format-rule-builder#whenCellEmpty()',
  ],
  'ConditionalFormatRuleBuilder.whenCellNotEmpty': [
    SHEETS,
    'spreadsheet/conditional-format-rule-builder#whenCellNotEmpty()',
  ],
  'ConditionalFormatRuleBuilder.whenFormulaSatisfied': [
    SHEETS,
    'spreadsheet/conditional-format-rule-builder#whenFormulaSatisfied(String)',
  ],
  'ConditionalFormatRuleBuilder.whenTextEndsWith': [
    SHEETS,
    'spreadsheet/conditional-format-rule-builder#whenTextEndsWith(String)',
  ],
  'ConditionalFormatRuleBuilder.whenTextStartsWith': [
    SHEETS,
    'spreadsheet/conditional-format-rule-builder#whenTextStartsWith(String)',
  ],
  'ConditionalFormatRuleBuilder.withCriteria': [
    SHEETS,
    'spreadsheet/conditional-format-rule-builder#withCriteria(BooleanCriteria,Object[])',
  ],
  'DataValidation.copy': [NONE, 'spreadsheet/data-validation#copy()'],
  'DataValidation.getAllowInvalid': [NONE, 'spreadsheet/data-validation#getAllowInvalid()'],
  'DataValidation.getCriteriaType': [NONE, 'spreadsheet/data-validation#getCriteriaType()'],
  'DataValidation.getCriteriaValues': [NONE, 'spreadsheet/data-validation#getCriteriaValues()'],
  'DataValidation.getHelpText': [NONE, 'spreadsheet/data-validation#getHelpText()'],
  'DataValidationBuilder.build': [SHEETS, 'spreadsheet/data-validation-builder#build()'],
  'DataValidationBuilder.copy': [SHEETS, 'spreadsheet/data-validation-builder#copy()'],
  'DataValidationBuilder.getAllowInvalid': [
    SHEETS,
    'spreadsheet/data-validation-builder#getAllowInvalid()',
  ],
  'DataValidationBuilder.getCriteriaType': [
    SHEETS,
    'spreadsheet/data-validation-builder#getCriteriaType()',
  ],
  'DataValidationBuilder.getCriteriaValues': [
    SHEETS,
    'spreadsheet/data-validation-builder#getCriteriaValues()',
  ],
  'DataValidationBuilder.getHelpText': [
    SHEETS,
    'spreadsheet/data-validation-builder#getHelpText()',
  ],
  'DataValidationBuilder.requireCheckbox': [
    SHEETS,
    'spreadsheet/data-validation-builder#requireCheckbox()',
  ],
  'DataValidationBuilder.requireDate': [
    SHEETS,
    'spreadsheet/data-validation-builder#requireDate()',
  ],
  'DataValidationBuilder.requireDateBetween': [
    SHEETS,
    'spreadsheet/data-validation-builder#requireDateBetween(Date,Date)',
  ],
  'DataValidationBuilder.requireDateNotBetween': [
    SHEETS,
    'spreadsheet/data-validation-builder#requireDateNotBetween(Date,Date)',
  ],
  'DataValidationBuilder.requireDateOnOrAfter': [
    SHEETS,
    'spreadsheet/data-validation-builder#requireDateOnOrAfter(Date)',
  ],
  'DataValidationBuilder.requireDateOnOrBefore': [
    SHEETS,
    'spreadsheet/data-validation-builder#requireDateOnOrBefore(Date)',
  ],
  'DataValidationBuilder.requireFormulaSatisfied': [
    SHEETS,
    'spreadsheet/data-validation-builder#requireFormulaSatisfied(String)',
  ],
  'DataValidationBuilder.requireTextIsEmail': [
    SHEETS,
    'spreadsheet/data-validation-builder#requireTextIsEmail()',
  ],
  'DataValidationBuilder.requireTextIsUrl': [
    SHEETS,
    'spreadsheet/data-validation-builder#requireTextIsUrl()',
  ],
  'DataValidationBuilder.requireValueInList': [
    SHEETS,
    'spreadsheet/data-validation-builder#requireValueInList(String[])',
  ],
  'DataValidationBuilder.requireValueInRange': [
    SHEETS,
    'spreadsheet/data-validation-builder#requireValueInRange(Range)',
  ],
  'DataValidationBuilder.setAllowInvalid': [
    SHEETS,
    'spreadsheet/data-validation-builder#setAllowInvalid(Boolean)',
  ],
  'DataValidationBuilder.setHelpText': [
    SHEETS,
    'spreadsheet/data-validation-builder#setHelpText(String)',
  ],
  'DataValidationBuilder.withCriteria': [
    SHEETS,
    'spreadsheet/data-validation-builder#withCriteria(DataValidationCriteria,Object[])',
  ],
  'HTTPResponse.getAllHeaders': [NONE, 'url-fetch/http-response#getAllHeaders()'],
  'HTTPResponse.getContent': [NONE, 'url-fetch/http-response#getContent()'],
  'HTTPResponse.getContentText': [NONE, 'url-fetch/http-response#getContentText()'],
  'HTTPResponse.getHeaders': [NONE, 'url-fetch/http-response#getHeaders()'],
  'HTTPResponse.getResponseCode': [NONE, 'url-fetch/http-response#getResponseCode()'],
  'HtmlOutput.addMetaTag': [NONE, 'html/html-output#addMetaTag(String,String)'],
  'HtmlOutput.append': [NONE, 'html/html-output#append(String)'],
  'HtmlOutput.appendUntrusted': [NONE, 'html/html-output#appendUntrusted(String)'],
  'HtmlOutput.clear': [NONE, 'html/html-output#clear()'],
  'HtmlOutput.getContent': [NONE, 'html/html-output#getContent()'],
  'HtmlOutput.getHeight': [NONE, 'html/html-output#getHeight()'],
  'HtmlOutput.getMetaTags': [NONE, 'html/html-output#getMetaTags()'],
  'HtmlOutput.getSandboxMode': [NONE, 'html/html-output#getSandboxMode()'],
  'HtmlOutput.getTitle': [NONE, 'html/html-output#getTitle()'],
  'HtmlOutput.getWidth': [NONE, 'html/html-output#getWidth()'],
  'HtmlOutput.getXFrameOptionsMode': [NONE, 'html/html-output#getXFrameOptionsMode()'],
  'HtmlOutput.setContent': [NONE, 'html/html-output#setContent(String)'],
  'HtmlOutput.setFaviconUrl': [NONE, 'html/html-output#setFaviconUrl(String)'],
  'HtmlOutput.setHeight': [NONE, 'html/html-output#setHeight(Integer)'],
  'HtmlOutput.setSandboxMode': [NONE, 'html/html-output#setSandboxMode(SandboxMode)'],
  'HtmlOutput.setTitle': [NONE, 'html/html-output#setTitle(String)'],
  'HtmlOutput.setWidth': [NONE, 'html/html-output#setWidth(Integer)'],
  'HtmlOutput.setXFrameOptionsMode': [
    NONE,
    'html/html-output#setXFrameOptionsMode(XFrameOptionsMode)',
  ],
  'HtmlService.createHtmlOutput': [NONE, 'html/html-service#createHtmlOutput()'],
  'HtmlService.createHtmlOutputFromFile': [
    NONE,
    'html/html-service#createHtmlOutputFromFile(String)',
  ],
  'HtmlService.createTemplate': [NONE, 'html/html-service#createTemplate(String)'],
  'HtmlService.createTemplateFromFile': [NONE, 'html/html-service#createTemplateFromFile(String)'],
  'HtmlTemplate.evaluate': [NONE, 'html/html-template#evaluate()'],
  'HtmlTemplate.getCode': [NONE, 'html/html-template#getCode()'],
  'HtmlTemplate.getRawContent': [NONE, 'html/html-template#getRawContent()'],
  'Lock.hasLock': [NONE, 'lock/lock#hasLock()'],
  'Lock.releaseLock': [NONE, 'lock/lock#releaseLock()'],
  'Lock.tryLock': [NONE, 'lock/lock#tryLock(Integer)'],
  'Lock.waitLock': [NONE, 'lock/lock#waitLock(Integer)'],
  'LockService.getDocumentLock': [NONE, 'lock/lock-service#getDocumentLock()'],
  'LockService.getScriptLock': [NONE, 'lock/lock-service#getScriptLock()'],
  'LockService.getUserLock': [NONE, 'lock/lock-service#getUserLock()'],
  'Logger.clear': [NONE, 'base/logger#clear()'],
  'Logger.getLog': [NONE, 'base/logger#getLog()'],
  'Logger.log': [NONE, 'base/logger#log(Object)'],
  'MailApp.getRemainingDailyQuota': [SEND_MAIL, 'mail/mail-app#getRemainingDailyQuota()'],
  'MailApp.sendEmail': [SEND_MAIL, 'mail/mail-app#sendEmail(String,String,String)'],
  'Menu.addItem': [NONE, 'base/menu#addItem(String,String)'],
  'Menu.addSeparator': [NONE, 'base/menu#addSeparator()'],
  'Menu.addSubMenu': [NONE, 'base/menu#addSubMenu(Menu)'],
  'Menu.addToUi': [NONE, 'base/menu#addToUi()'],
  'PromptResponse.getResponseText': [UI, 'base/prompt-response#getResponseText()'],
  'PromptResponse.getSelectedButton': [UI, 'base/prompt-response#getSelectedButton()'],
  'Properties.deleteAllProperties': [NONE, 'properties/properties#deleteAllProperties()'],
  'Properties.deleteProperty': [NONE, 'properties/properties#deleteProperty(String)'],
  'Properties.getKeys': [NONE, 'properties/properties#getKeys()'],
  'Properties.getProperties': [NONE, 'properties/properties#getProperties()'],
  'Properties.getProperty': [NONE, 'properties/properties#getProperty(String)'],
  'Properties.setProperties': [NONE, 'properties/properties#setProperties(Object)'],
  'Properties.setProperty': [NONE, 'properties/properties#setProperty(String,String)'],
  'PropertiesService.getDocumentProperties': [
    NONE,
    'properties/properties-service#getDocumentProperties()',
  ],
  'PropertiesService.getScriptProperties': [
    NONE,
    'properties/properties-service#getScriptProperties()',
  ],
  'PropertiesService.getUserProperties': [
    NONE,
    'properties/properties-service#getUserProperties()',
  ],
  'Protection.addEditor': [SHEETS, 'spreadsheet/protection#addEditor(User)'],
  'Protection.addEditors': [SHEETS, 'spreadsheet/protection#addEditors(String[])'],
  'Protection.canDomainEdit': [SHEETS, 'spreadsheet/protection#canDomainEdit()'],
  'Protection.canEdit': [SHEETS, 'spreadsheet/protection#canEdit()'],
  'Protection.getDescription': [SHEETS, 'spreadsheet/protection#getDescription()'],
  'Protection.getEditors': [SHEETS, 'spreadsheet/protection#getEditors()'],
  'Protection.getProtectionType': [SHEETS, 'spreadsheet/protection#getProtectionType()'],
  'Protection.getRange': [SHEETS, 'spreadsheet/protection#getRange()'],
  'Protection.getUnprotectedRanges': [SHEETS, 'spreadsheet/protection#getUnprotectedRanges()'],
  'Protection.isWarningOnly': [SHEETS, 'spreadsheet/protection#isWarningOnly()'],
  'Protection.remove': [SHEETS, 'spreadsheet/protection#remove()'],
  'Protection.removeEditor': [SHEETS, 'spreadsheet/protection#removeEditor(User)'],
  'Protection.removeEditors': [SHEETS, 'spreadsheet/protection#removeEditors(User[])'],
  'Protection.setDescription': [SHEETS, 'spreadsheet/protection#setDescription(String)'],
  'Protection.setDomainEdit': [SHEETS, 'spreadsheet/protection#setDomainEdit(Boolean)'],
  'Protection.setRange': [SHEETS, 'spreadsheet/protection#setRange(Range)'],
  'Protection.setUnprotectedRanges': [
    SHEETS,
    'spreadsheet/protection#setUnprotectedRanges(Range[])',
  ],
  'Protection.setWarningOnly': [SHEETS, 'spreadsheet/protection#setWarningOnly(Boolean)'],
  'Range.activate': [NONE, 'spreadsheet/range#activate()'],
  'Range.check': [SHEETS, 'spreadsheet/range#check()'],
  'Range.clear': [SHEETS, 'spreadsheet/range#clear()'],
  'Range.clearContent': [SHEETS, 'spreadsheet/range#clearContent()'],
  'Range.clearDataValidations': [SHEETS, 'spreadsheet/range#clearDataValidations()'],
  'Range.clearFormat': [SHEETS, 'spreadsheet/range#clearFormat()'],
  'Range.clearNote': [SHEETS, 'spreadsheet/range#clearNote()'],
  'Range.copyTo': [SHEETS, 'spreadsheet/range#copyTo(Range)'],
  'Range.createTextFinder': [SHEETS, 'spreadsheet/range#createTextFinder(String)'],
  'Range.getA1Notation': [SHEETS, 'spreadsheet/range#getA1Notation()'],
  'Range.getBackground': [SHEETS, 'spreadsheet/range#getBackground()'],
  'Range.getBackgrounds': [SHEETS, 'spreadsheet/range#getBackgrounds()'],
  'Range.getCell': [SHEETS, 'spreadsheet/range#getCell(Integer,Integer)'],
  'Range.getColumn': [SHEETS, 'spreadsheet/range#getColumn()'],
  'Range.getDataValidation': [SHEETS, 'spreadsheet/range#getDataValidation()'],
  'Range.getDataValidations': [SHEETS, 'spreadsheet/range#getDataValidations()'],
  'Range.getDisplayValue': [SHEETS, 'spreadsheet/range#getDisplayValue()'],
  'Range.getDisplayValues': [SHEETS, 'spreadsheet/range#getDisplayValues()'],
  'Range.getFontColor': [SHEETS, 'spreadsheet/range#getFontColor()'],
  'Range.getFontFamily': [SHEETS, 'spreadsheet/range#getFontFamily()'],
  'Range.getFontSize': [SHEETS, 'spreadsheet/range#getFontSize()'],
  'Range.getFontStyle': [SHEETS, 'spreadsheet/range#getFontStyle()'],
  'Range.getFontWeight': [SHEETS, 'spreadsheet/range#getFontWeight()'],
  'Range.getFontWeights': [SHEETS, 'spreadsheet/range#getFontWeights()'],
  'Range.getFormula': [SHEETS, 'spreadsheet/range#getFormula()'],
  'Range.getFormulas': [SHEETS, 'spreadsheet/range#getFormulas()'],
  'Range.getGridId': [SHEETS, 'spreadsheet/range#getGridId()'],
  'Range.getHeight': [SHEETS, 'spreadsheet/range#getHeight()'],
  'Range.getHorizontalAlignment': [SHEETS, 'spreadsheet/range#getHorizontalAlignment()'],
  'Range.getLastColumn': [SHEETS, 'spreadsheet/range#getLastColumn()'],
  'Range.getLastRow': [SHEETS, 'spreadsheet/range#getLastRow()'],
  'Range.getNote': [SHEETS, 'spreadsheet/range#getNote()'],
  'Range.getNotes': [SHEETS, 'spreadsheet/range#getNotes()'],
  'Range.getNumColumns': [SHEETS, 'spreadsheet/range#getNumColumns()'],
  'Range.getNumRows': [SHEETS, 'spreadsheet/range#getNumRows()'],
  'Range.getNumberFormat': [SHEETS, 'spreadsheet/range#getNumberFormat()'],
  'Range.getNumberFormats': [SHEETS, 'spreadsheet/range#getNumberFormats()'],
  'Range.getRow': [SHEETS, 'spreadsheet/range#getRow()'],
  'Range.getRowIndex': [SHEETS, 'spreadsheet/range#getRowIndex()'],
  'Range.getSheet': [SHEETS, 'spreadsheet/range#getSheet()'],
  'Range.getValue': [SHEETS, 'spreadsheet/range#getValue()'],
  'Range.getValues': [SHEETS, 'spreadsheet/range#getValues()'],
  'Range.getVerticalAlignment': [SHEETS, 'spreadsheet/range#getVerticalAlignment()'],
  'Range.getWidth': [SHEETS, 'spreadsheet/range#getWidth()'],
  'Range.getWrap': [SHEETS, 'spreadsheet/range#getWrap()'],
  'Range.insertCheckboxes': [SHEETS, 'spreadsheet/range#insertCheckboxes()'],
  'Range.isBlank': [SHEETS, 'spreadsheet/range#isBlank()'],
  'Range.isChecked': [SHEETS, 'spreadsheet/range#isChecked()'],
  'Range.isEndColumnBounded': [SHEETS, 'spreadsheet/range#isEndColumnBounded()'],
  'Range.isEndRowBounded': [SHEETS, 'spreadsheet/range#isEndRowBounded()'],
  'Range.isStartColumnBounded': [SHEETS, 'spreadsheet/range#isStartColumnBounded()'],
  'Range.isStartRowBounded': [SHEETS, 'spreadsheet/range#isStartRowBounded()'],
  'Range.merge': [SHEETS, 'spreadsheet/range#merge()'],
  'Range.offset': [SHEETS, 'spreadsheet/range#offset(Integer,Integer)'],
  'Range.protect': [SHEETS, 'spreadsheet/range#protect()'],
  'Range.removeCheckboxes': [SHEETS, 'spreadsheet/range#removeCheckboxes()'],
  'Range.setBackground': [SHEETS, 'spreadsheet/range#setBackground(Object)'],
  'Range.setBackgrounds': [SHEETS, 'spreadsheet/range#setBackgrounds(Object)'],
  'Range.setDataValidation': [SHEETS, 'spreadsheet/range#setDataValidation(Object)'],
  'Range.setDataValidations': [SHEETS, 'spreadsheet/range#setDataValidations(Object)'],
  'Range.setFontColor': [SHEETS, 'spreadsheet/range#setFontColor(Object)'],
  'Range.setFontFamily': [SHEETS, 'spreadsheet/range#setFontFamily(Object)'],
  'Range.setFontSize': [SHEETS, 'spreadsheet/range#setFontSize(Integer)'],
  'Range.setFontStyle': [SHEETS, 'spreadsheet/range#setFontStyle(Object)'],
  'Range.setFontWeight': [SHEETS, 'spreadsheet/range#setFontWeight(Object)'],
  'Range.setFontWeights': [SHEETS, 'spreadsheet/range#setFontWeights(Object)'],
  'Range.setFormula': [SHEETS, 'spreadsheet/range#setFormula(String)'],
  'Range.setFormulas': [SHEETS, 'spreadsheet/range#setFormulas(String[][])'],
  'Range.setHorizontalAlignment': [SHEETS, 'spreadsheet/range#setHorizontalAlignment(Object)'],
  'Range.setNote': [SHEETS, 'spreadsheet/range#setNote(Object)'],
  'Range.setNotes': [SHEETS, 'spreadsheet/range#setNotes(Object)'],
  'Range.setNumberFormat': [SHEETS, 'spreadsheet/range#setNumberFormat(String)'],
  'Range.setNumberFormats': [SHEETS, 'spreadsheet/range#setNumberFormats(String[][])'],
  'Range.setValue': [SHEETS, 'spreadsheet/range#setValue(Object)'],
  'Range.setValues': [SHEETS, 'spreadsheet/range#setValues(Object[][])'],
  'Range.setVerticalAlignment': [SHEETS, 'spreadsheet/range#setVerticalAlignment(Object)'],
  'Range.setWrap': [SHEETS, 'spreadsheet/range#setWrap(Boolean)'],
  'Range.sort': [SHEETS, 'spreadsheet/range#sort(Object)'],
  'Range.uncheck': [SHEETS, 'spreadsheet/range#uncheck()'],
  'ScriptApp.deleteTrigger': [SCRIPTAPP, 'script/script-app#deleteTrigger(Trigger)'],
  'ScriptApp.getProjectTriggers': [SCRIPTAPP, 'script/script-app#getProjectTriggers()'],
  'ScriptApp.getScriptId': [SCRIPTAPP, 'script/script-app#getScriptId()'],
  'ScriptApp.getUserTriggers': [SCRIPTAPP, 'script/script-app#getUserTriggers(Spreadsheet)'],
  'ScriptApp.newTrigger': [SCRIPTAPP, 'script/script-app#newTrigger(String)'],
  'Selection.getActiveRange': [SHEETS, 'spreadsheet/selection#getActiveRange()'],
  'Selection.getActiveSheet': [SHEETS, 'spreadsheet/selection#getActiveSheet()'],
  'Selection.getCurrentCell': [SHEETS, 'spreadsheet/selection#getCurrentCell()'],
  'Session.getActiveUser': [EMAIL, 'base/session#getActiveUser()'],
  'Session.getActiveUserLocale': [NONE, 'base/session#getActiveUserLocale()'],
  'Session.getEffectiveUser': [EMAIL, 'base/session#getEffectiveUser()'],
  'Session.getScriptTimeZone': [NONE, 'base/session#getScriptTimeZone()'],
  'Session.getTemporaryActiveUserKey': [NONE, 'base/session#getTemporaryActiveUserKey()'],
  'Sheet.activate': [SHEETS, 'spreadsheet/sheet#activate()'],
  'Sheet.appendRow': [SHEETS, 'spreadsheet/sheet#appendRow(Object[])'],
  'Sheet.autoResizeColumn': [SHEETS, 'spreadsheet/sheet#autoResizeColumn(Integer)'],
  'Sheet.autoResizeColumns': [SHEETS, 'spreadsheet/sheet#autoResizeColumns(Integer,Integer)'],
  'Sheet.clear': [SHEETS, 'spreadsheet/sheet#clear()'],
  'Sheet.clearConditionalFormatRules': [SHEETS, 'spreadsheet/sheet#clearConditionalFormatRules()'],
  'Sheet.clearContents': [SHEETS, 'spreadsheet/sheet#clearContents()'],
  'Sheet.clearFormats': [SHEETS, 'spreadsheet/sheet#clearFormats()'],
  'Sheet.clearNotes': [SHEETS, 'spreadsheet/sheet#clearNotes()'],
  'Sheet.copyTo': [SHEETS, 'spreadsheet/sheet#copyTo(Spreadsheet)'],
  'Sheet.createTextFinder': [SHEETS, 'spreadsheet/sheet#createTextFinder(String)'],
  'Sheet.deleteColumn': [SHEETS, 'spreadsheet/sheet#deleteColumn(Integer)'],
  'Sheet.deleteColumns': [SHEETS, 'spreadsheet/sheet#deleteColumns(Integer,Integer)'],
  'Sheet.deleteRow': [SHEETS, 'spreadsheet/sheet#deleteRow(Integer)'],
  'Sheet.deleteRows': [SHEETS, 'spreadsheet/sheet#deleteRows(Integer,Integer)'],
  'Sheet.getActiveCell': [SHEETS, 'spreadsheet/sheet#getActiveCell()'],
  'Sheet.getActiveRange': [SHEETS, 'spreadsheet/sheet#getActiveRange()'],
  'Sheet.getColumnWidth': [SHEETS, 'spreadsheet/sheet#getColumnWidth(Integer)'],
  'Sheet.getConditionalFormatRules': [SHEETS, 'spreadsheet/sheet#getConditionalFormatRules()'],
  'Sheet.getDataRange': [SHEETS, 'spreadsheet/sheet#getDataRange()'],
  'Sheet.getFilter': [SHEETS, 'spreadsheet/sheet#getFilter()'],
  'Sheet.getFrozenColumns': [SHEETS, 'spreadsheet/sheet#getFrozenColumns()'],
  'Sheet.getFrozenRows': [SHEETS, 'spreadsheet/sheet#getFrozenRows()'],
  'Sheet.getIndex': [SHEETS, 'spreadsheet/sheet#getIndex()'],
  'Sheet.getLastColumn': [SHEETS, 'spreadsheet/sheet#getLastColumn()'],
  'Sheet.getLastRow': [SHEETS, 'spreadsheet/sheet#getLastRow()'],
  'Sheet.getMaxColumns': [SHEETS, 'spreadsheet/sheet#getMaxColumns()'],
  'Sheet.getMaxRows': [SHEETS, 'spreadsheet/sheet#getMaxRows()'],
  'Sheet.getName': [SHEETS, 'spreadsheet/sheet#getName()'],
  'Sheet.getNamedRanges': [SHEETS, 'spreadsheet/sheet#getNamedRanges()'],
  'Sheet.getParent': [SHEETS, 'spreadsheet/sheet#getParent()'],
  'Sheet.getProtections': [SHEETS, 'spreadsheet/sheet#getProtections(ProtectionType)'],
  'Sheet.getRange': [SHEETS, 'spreadsheet/sheet#getRange(String)'],
  'Sheet.getSheetId': [SHEETS, 'spreadsheet/sheet#getSheetId()'],
  'Sheet.getSheetName': [SHEETS, 'spreadsheet/sheet#getSheetName()'],
  'Sheet.getSheetValues': [
    SHEETS,
    'spreadsheet/sheet#getSheetValues(Integer,Integer,Integer,Integer)',
  ],
  'Sheet.getTabColor': [SHEETS, 'spreadsheet/sheet#getTabColor()'],
  'Sheet.getType': [SHEETS, 'spreadsheet/sheet#getType()'],
  'Sheet.hideColumns': [SHEETS, 'spreadsheet/sheet#hideColumns(Integer)'],
  'Sheet.hideRows': [SHEETS, 'spreadsheet/sheet#hideRows(Integer)'],
  'Sheet.hideSheet': [SHEETS, 'spreadsheet/sheet#hideSheet()'],
  'Sheet.insertColumnAfter': [SHEETS, 'spreadsheet/sheet#insertColumnAfter(Integer)'],
  'Sheet.insertColumnBefore': [SHEETS, 'spreadsheet/sheet#insertColumnBefore(Integer)'],
  'Sheet.insertColumns': [SHEETS, 'spreadsheet/sheet#insertColumns(Integer)'],
  'Sheet.insertColumnsAfter': [SHEETS, 'spreadsheet/sheet#insertColumnsAfter(Integer,Integer)'],
  'Sheet.insertColumnsBefore': [SHEETS, 'spreadsheet/sheet#insertColumnsBefore(Integer,Integer)'],
  'Sheet.insertRowAfter': [SHEETS, 'spreadsheet/sheet#insertRowAfter(Integer)'],
  'Sheet.insertRowBefore': [SHEETS, 'spreadsheet/sheet#insertRowBefore(Integer)'],
  'Sheet.insertRows': [SHEETS, 'spreadsheet/sheet#insertRows(Integer)'],
  'Sheet.insertRowsAfter': [SHEETS, 'spreadsheet/sheet#insertRowsAfter(Integer,Integer)'],
  'Sheet.insertRowsBefore': [SHEETS, 'spreadsheet/sheet#insertRowsBefore(Integer,Integer)'],
  'Sheet.isColumnHiddenByUser': [SHEETS, 'spreadsheet/sheet#isColumnHiddenByUser(Integer)'],
  'Sheet.isRowHiddenByUser': [SHEETS, 'spreadsheet/sheet#isRowHiddenByUser(Integer)'],
  'Sheet.isSheetHidden': [SHEETS, 'spreadsheet/sheet#isSheetHidden()'],
  'Sheet.protect': [SHEETS, 'spreadsheet/sheet#protect()'],
  'Sheet.setActiveRange': [SHEETS, 'spreadsheet/sheet#setActiveRange(Range)'],
  'Sheet.setActiveSelection': [SHEETS, 'spreadsheet/sheet#setActiveSelection(Range)'],
  'Sheet.setColumnWidth': [SHEETS, 'spreadsheet/sheet#setColumnWidth(Integer,Integer)'],
  'Sheet.setColumnWidths': [SHEETS, 'spreadsheet/sheet#setColumnWidths(Integer,Integer,Integer)'],
  'Sheet.setConditionalFormatRules': [
    SHEETS,
    'spreadsheet/sheet#setConditionalFormatRules(ConditionalFormatRule[])',
  ],
  'Sheet.setFrozenColumns': [SHEETS, 'spreadsheet/sheet#setFrozenColumns(Integer)'],
  'Sheet.setFrozenRows': [SHEETS, 'spreadsheet/sheet#setFrozenRows(Integer)'],
  'Sheet.setName': [SHEETS, 'spreadsheet/sheet#setName(String)'],
  'Sheet.setTabColor': [SHEETS, 'spreadsheet/sheet#setTabColor(Object)'],
  'Sheet.showColumns': [SHEETS, 'spreadsheet/sheet#showColumns(Integer)'],
  'Sheet.showRows': [SHEETS, 'spreadsheet/sheet#showRows(Integer)'],
  'Sheet.showSheet': [SHEETS, 'spreadsheet/sheet#showSheet()'],
  'Sheet.sort': [SHEETS, 'spreadsheet/sheet#sort(Integer)'],
  'Spreadsheet.deleteSheet': [SHEETS, 'spreadsheet/spreadsheet#deleteSheet(Sheet)'],
  'Spreadsheet.getActiveCell': [SHEETS, 'spreadsheet/spreadsheet#getActiveCell()'],
  'Spreadsheet.getActiveRange': [SHEETS, 'spreadsheet/spreadsheet#getActiveRange()'],
  'Spreadsheet.getActiveSheet': [SHEETS, 'spreadsheet/spreadsheet#getActiveSheet()'],
  'Spreadsheet.getDataRange': [SHEETS, 'spreadsheet/spreadsheet#getDataRange()'],
  'Spreadsheet.getId': [SHEETS, 'spreadsheet/spreadsheet#getId()'],
  'Spreadsheet.getLastColumn': [SHEETS, 'spreadsheet/spreadsheet#getLastColumn()'],
  'Spreadsheet.getLastRow': [SHEETS, 'spreadsheet/spreadsheet#getLastRow()'],
  'Spreadsheet.getName': [SHEETS, 'spreadsheet/spreadsheet#getName()'],
  'Spreadsheet.getNumSheets': [SHEETS, 'spreadsheet/spreadsheet#getNumSheets()'],
  'Spreadsheet.getProtections': [SHEETS, 'spreadsheet/spreadsheet#getProtections(ProtectionType)'],
  'Spreadsheet.getRange': [SHEETS, 'spreadsheet/spreadsheet#getRange(String)'],
  'Spreadsheet.getRangeByName': [SHEETS, 'spreadsheet/spreadsheet#getRangeByName(String)'],
  'Spreadsheet.getSelection': [SHEETS, 'spreadsheet/spreadsheet#getSelection()'],
  'Spreadsheet.getSheetById': [SHEETS, 'spreadsheet/spreadsheet#getSheetById(Integer)'],
  'Spreadsheet.getSheetByName': [SHEETS, 'spreadsheet/spreadsheet#getSheetByName(String)'],
  'Spreadsheet.getSheets': [SHEETS, 'spreadsheet/spreadsheet#getSheets()'],
  'Spreadsheet.getSpreadsheetLocale': [SHEETS, 'spreadsheet/spreadsheet#getSpreadsheetLocale()'],
  'Spreadsheet.getSpreadsheetTimeZone': [
    SHEETS,
    'spreadsheet/spreadsheet#getSpreadsheetTimeZone()',
  ],
  'Spreadsheet.getUrl': [SHEETS, 'spreadsheet/spreadsheet#getUrl()'],
  'Spreadsheet.insertSheet': [SHEETS, 'spreadsheet/spreadsheet#insertSheet()'],
  'Spreadsheet.moveActiveSheet': [SHEETS, 'spreadsheet/spreadsheet#moveActiveSheet(Integer)'],
  'Spreadsheet.rename': [SHEETS, 'spreadsheet/spreadsheet#rename(String)'],
  'Spreadsheet.setActiveRange': [SHEETS, 'spreadsheet/spreadsheet#setActiveRange(Range)'],
  'Spreadsheet.setActiveSheet': [SHEETS, 'spreadsheet/spreadsheet#setActiveSheet(Sheet)'],
  'Spreadsheet.setSpreadsheetLocale': [
    SHEETS,
    'spreadsheet/spreadsheet#setSpreadsheetLocale(String)',
  ],
  'Spreadsheet.setSpreadsheetTimeZone': [
    SHEETS,
    'spreadsheet/spreadsheet#setSpreadsheetTimeZone(String)',
  ],
  'Spreadsheet.toast': [SHEETS, 'spreadsheet/spreadsheet#toast(String)'],
  'SpreadsheetApp.create': [ALL_SHEETS, 'spreadsheet/spreadsheet-app#create(String)'],
  'SpreadsheetApp.flush': [NONE, 'spreadsheet/spreadsheet-app#flush()'],
  'SpreadsheetApp.getActive': [SHEETS, 'spreadsheet/spreadsheet-app#getActive()'],
  'SpreadsheetApp.getActiveRange': [SHEETS, 'spreadsheet/spreadsheet-app#getActiveRange()'],
  'SpreadsheetApp.getActiveSheet': [SHEETS, 'spreadsheet/spreadsheet-app#getActiveSheet()'],
  'SpreadsheetApp.getActiveSpreadsheet': [
    SHEETS,
    'spreadsheet/spreadsheet-app#getActiveSpreadsheet()',
  ],
  'SpreadsheetApp.getCurrentCell': [SHEETS, 'spreadsheet/spreadsheet-app#getCurrentCell()'],
  'SpreadsheetApp.getSelection': [SHEETS, 'spreadsheet/spreadsheet-app#getSelection()'],
  'SpreadsheetApp.getUi': [NONE, 'spreadsheet/spreadsheet-app#getUi()'],
  'SpreadsheetApp.newConditionalFormatRule': [
    NONE,
    'spreadsheet/spreadsheet-app#newConditionalFormatRule()',
  ],
  'SpreadsheetApp.newDataValidation': [NONE, 'spreadsheet/spreadsheet-app#newDataValidation()'],
  'SpreadsheetApp.openById': [ALL_SHEETS, 'spreadsheet/spreadsheet-app#openById(String)'],
  'SpreadsheetApp.openByUrl': [ALL_SHEETS, 'spreadsheet/spreadsheet-app#openByUrl(String)'],
  'SpreadsheetApp.setActiveRange': [NONE, 'spreadsheet/spreadsheet-app#setActiveRange(Range)'],
  'SpreadsheetApp.setActiveSheet': [SHEETS, 'spreadsheet/spreadsheet-app#setActiveSheet(Sheet)'],
  'SpreadsheetTriggerBuilder.create': [NONE, 'script/spreadsheet-trigger-builder#create()'],
  'SpreadsheetTriggerBuilder.onChange': [NONE, 'script/spreadsheet-trigger-builder#onChange()'],
  'SpreadsheetTriggerBuilder.onEdit': [NONE, 'script/spreadsheet-trigger-builder#onEdit()'],
  'SpreadsheetTriggerBuilder.onFormSubmit': [
    NONE,
    'script/spreadsheet-trigger-builder#onFormSubmit()',
  ],
  'SpreadsheetTriggerBuilder.onOpen': [NONE, 'script/spreadsheet-trigger-builder#onOpen()'],
  'Trigger.getEventType': [SCRIPTAPP, 'script/trigger#getEventType()'],
  'Trigger.getHandlerFunction': [SCRIPTAPP, 'script/trigger#getHandlerFunction()'],
  'Trigger.getTriggerSource': [SCRIPTAPP, 'script/trigger#getTriggerSource()'],
  'Trigger.getTriggerSourceId': [SCRIPTAPP, 'script/trigger#getTriggerSourceId()'],
  'Trigger.getUniqueId': [SCRIPTAPP, 'script/trigger#getUniqueId()'],
  'TriggerBuilder.forSpreadsheet': [SHEETS, 'script/trigger-builder#forSpreadsheet(String)'],
  'TriggerBuilder.timeBased': [SCRIPTAPP, 'script/trigger-builder#timeBased()'],
  'Ui.alert': [UI, 'base/ui#alert(String)'],
  'Ui.createAddonMenu': [NONE, 'base/ui#createAddonMenu()'],
  'Ui.createMenu': [NONE, 'base/ui#createMenu(String)'],
  'Ui.prompt': [UI, 'base/ui#prompt(String)'],
  'Ui.showModalDialog': [UI, 'base/ui#showModalDialog(HtmlOutput,String)'],
  'Ui.showModelessDialog': [UI, 'base/ui#showModelessDialog(HtmlOutput,String)'],
  'Ui.showSidebar': [UI, 'base/ui#showSidebar(HtmlOutput)'],
  'UrlFetchApp.fetch': [EXTERNAL, 'url-fetch/url-fetch-app#fetch(String)'],
  'UrlFetchApp.fetchAll': [EXTERNAL, 'url-fetch/url-fetch-app#fetchAll(Object)'],
  'UrlFetchApp.getRequest': [EXTERNAL, 'url-fetch/url-fetch-app#getRequest(String)'],
  'User.getEmail': [NONE, 'base/user#getEmail()'],
  'Utilities.base64Decode': [NONE, 'utilities/utilities#base64Decode(String)'],
  'Utilities.base64DecodeWebSafe': [NONE, 'utilities/utilities#base64DecodeWebSafe(String)'],
  'Utilities.base64Encode': [NONE, 'utilities/utilities#base64Encode(Byte[])'],
  'Utilities.base64EncodeWebSafe': [NONE, 'utilities/utilities#base64EncodeWebSafe(Byte[])'],
  'Utilities.computeDigest': [NONE, 'utilities/utilities#computeDigest(DigestAlgorithm,Byte[])'],
  'Utilities.computeHmacSha256Signature': [
    NONE,
    'utilities/utilities#computeHmacSha256Signature(Byte[],Byte[])',
  ],
  'Utilities.formatDate': [NONE, 'utilities/utilities#formatDate(Date,String,String)'],
  'Utilities.formatString': [NONE, 'utilities/utilities#formatString(String,Object[])'],
  'Utilities.getUuid': [NONE, 'utilities/utilities#getUuid()'],
  'Utilities.jsonParse': [NONE, 'utilities/utilities#jsonParse(String)'],
  'Utilities.jsonStringify': [NONE, 'utilities/utilities#jsonStringify(Object)'],
  'Utilities.newBlob': [NONE, 'utilities/utilities#newBlob(Byte[])'],
  'Utilities.parseCsv': [NONE, 'utilities/utilities#parseCsv(String)'],
  // Authorization of each method on the TextFinder page: spreadsheets.currentonly or spreadsheets.
  'TextFinder.findAll': [SHEETS, 'spreadsheet/text-finder#findAll()'],
  'TextFinder.findNext': [SHEETS, 'spreadsheet/text-finder#findNext()'],
  'TextFinder.matchCase': [SHEETS, 'spreadsheet/text-finder#matchCase(Boolean)'],
  'TextFinder.matchEntireCell': [SHEETS, 'spreadsheet/text-finder#matchEntireCell(Boolean)'],
  'Utilities.sleep': [NONE, 'utilities/utilities#sleep(Integer)'],
  'console.debug': [NONE, 'base/console#debug()'],
  'console.error': [NONE, 'base/console#error()'],
  'console.info': [NONE, 'base/console#info()'],
  'console.log': [NONE, 'base/console#log()'],
  'console.warn': [NONE, 'base/console#warn()'],
};

export interface MethodRow {
  kind: string;
  /** Any one of them suffices; empty: the method needs no scope. */
  scopes: Scopes;
  /** The method's reference page (anchor: the overload with the shortest signature). */
  doc: string;
}

/** The table's row for a kind, or undefined when the kind is not in the table. */
export function methodRow(kind: string): MethodRow | undefined {
  const row = Object.prototype.hasOwnProperty.call(ROWS, kind) ? ROWS[kind] : undefined;
  return row && { kind, scopes: row[0], doc: REFERENCE + row[1] };
}

/** Every kind in the table, sorted. */
export function tableKinds(): string[] {
  return Object.keys(ROWS).sort();
}

/**
 * Rows whose scopes rest on a guess rather than a reference page read (the stricter choice was
 * taken), with why; undefined for a confirmed row.
 */
export function unconfirmed(kind: string): string | undefined {
  const [cls = '', method = ''] = kind.split('.');
  const confirmed = new Set([
    'Range.activate',
    'Range.activateAsCurrentCell',
    'Range.addDeveloperMetadata',
    'Range.applyColumnBanding',
    'Range.applyRowBanding',
    'Ui.showModalDialog',
    'ScriptApp.getProjectTriggers',
  ]);
  if (confirmed.has(kind)) return undefined;
  if (['Range', 'Sheet', 'Spreadsheet', 'Protection', 'Selection'].includes(cls))
    return 'reference page not read: scope required, as for the Range methods read';
  if (['DataValidationBuilder', 'ConditionalFormatRuleBuilder'].includes(cls))
    return 'reference page not read: scope required (the built value classes list none)';
  if (cls === 'SpreadsheetApp' && ['flush', 'getUi', 'setActiveRange'].includes(method))
    return 'one source (a copy of the reference) lists none';
  if (cls === 'SpreadsheetApp' && method.startsWith('new'))
    return 'one source (a copy of the reference) lists none';
  if (kind === 'SpreadsheetApp.setActiveSheet') return 'overloads disagree: scope required';
  if (cls === 'Ui' || cls === 'PromptResponse')
    return 'Ui reference page not read: container UI scope required except for menus';
  if (cls === 'ScriptApp') return 'by analogy with getProjectTriggers (page not read)';
  if (cls === 'UrlFetchApp')
    return 'Google DevRel comment (apps-script-oauth2#125), reference page not read';
  if (kind === 'HtmlOutput.getSandboxMode' || kind === 'HtmlOutput.getXFrameOptionsMode')
    return 'not an Apps Script method (absent from @types/google-apps-script)';
  if (
    [
      'HtmlOutput',
      'HtmlTemplate',
      'Properties',
      'Cache',
      'CacheService',
      'LockService',
      'Utilities',
      'Blob',
      'Logger',
      'console',
    ].includes(cls)
  )
    return 'reference page not read; the service has no scope of its own';
  return undefined;
}

/** The error for a counted kind the table lacks: an emulator error, not an Apps Script one. */
export function notInTable(kind: string): Error {
  return new Error(
    `Emulator: ${kind} is not in the emulator's fidelity table (emulator/scopes.ts); ` +
      'add its row (scopes from its reference page) and its line in emulator/FIDELITY.md',
  );
}

/**
 * The "Required permissions" part as Apps Script writes it: one scope bare, several as
 * "(a || b)", e.g. "Required permissions: (https://www.googleapis.com/auth/spreadsheets.currentonly
 * || https://www.googleapis.com/auth/spreadsheets)" (quoted in public error reports for
 * SpreadsheetApp.getActiveSpreadsheet and DriveApp.getRootFolder).
 */
export function requiredPermissions(scopes: Scopes): string {
  return scopes.length === 1 ? scopes[0]! : `(${scopes.join(' || ')})`;
}

/**
 * The error a call gets when the manifest lists `oauthScopes` and none of the method's scopes.
 * Two wordings are reported by users:
 *  - "Specified permissions are not sufficient to call ScriptApp.getProjectTriggers. Required
 *    permissions: https://www.googleapis.com/auth/script.scriptapp" (public code quoting the error
 *    fixed by adding the scope to oauthScopes; the same form is quoted for
 *    Session.getActiveUser / userinfo.email and Ui.showModalDialog / script.container.ui, and a
 *    2025 blog post "How to Fix 'Specified permissions are not sufficient to call xxx' in GAS"
 *    explains it as "the scopes specified in the manifest file are not sufficient");
 *  - "You do not have permission to call Session.getActiveUser. Required permissions:
 *    https://www.googleapis.com/auth/userinfo.email" (as users report it;
 *    oshliaer/google-apps-script-snippets#23), the text of a call the user has not authorized,
 *    which permissions.ts uses for simple triggers.
 * The sources tie the first to an explicit manifest missing the scope, so it is used here.
 */
export function insufficientScopes(kind: string, scopes: Scopes): Error {
  return scriptError(
    `Specified permissions are not sufficient to call ${kind}. ` +
      `Required permissions: ${requiredPermissions(scopes)}`,
  );
}

/** The parts of appsscript.json the emulator reads. */
export interface Manifest {
  timeZone?: string;
  /** Explicit scopes: when present, Apps Script grants exactly these (no inference). */
  oauthScopes?: string[];
  [key: string]: unknown;
}

/**
 * Reads a manifest file (appsscript.json); null when there is none. A malformed file or
 * `oauthScopes` that is not an array of strings throws: Apps Script refuses such a manifest.
 */
export function readManifest(file: string): Manifest | null {
  if (!existsSync(file)) return null;
  const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
  return checkManifest(parsed, file);
}

export function checkManifest(value: unknown, where = 'manifest'): Manifest {
  if (!value || typeof value !== 'object' || Array.isArray(value))
    throw new Error(`Emulator: ${where} is not a JSON object`);
  const scopes = (value as Manifest).oauthScopes;
  if (scopes !== undefined && (!Array.isArray(scopes) || scopes.some((s) => typeof s !== 'string')))
    throw new Error(`Emulator: ${where}: oauthScopes must be an array of scope URLs`);
  return value as Manifest;
}

/**
 * Enforces a manifest's scopes on counted calls and records which kinds ran, so that a test can
 * ask which declared scopes the run needed. One per emulator; executions call `check` for every
 * counted call (uncounted calls the emulator makes for itself are never checked).
 *  - every kind must be in the table (else `notInTable`), manifest or not;
 *  - with `oauthScopes` declared, a kind whose scopes are all missing throws
 *    `insufficientScopes`; without `oauthScopes` (no manifest, or a manifest without the field)
 *    Apps Script infers the scopes from the code, so nothing is refused
 *    (https://developers.google.com/apps-script/concepts/scopes#setting_explicit_scopes).
 */
export class ScopeLedger {
  private declared: ReadonlySet<string> | null = null;
  private readonly calledKinds = new Map<string, number>();

  /** The manifest whose oauthScopes are enforced (null: none). */
  useManifest(manifest: Manifest | null): void {
    this.declared = manifest?.oauthScopes ? new Set(manifest.oauthScopes) : null;
  }

  /** The declared scopes, or null when nothing is enforced. */
  get declaredScopes(): string[] | null {
    return this.declared ? [...this.declared] : null;
  }

  check(kind: string): void {
    const row = methodRow(kind);
    if (!row) throw notInTable(kind);
    const declared = this.declared;
    if (declared && row.scopes.length > 0 && !row.scopes.some((s) => declared.has(s)))
      throw insufficientScopes(kind, row.scopes);
    this.calledKinds.set(kind, (this.calledKinds.get(kind) ?? 0) + 1);
  }

  /** Kinds called (and allowed) since the last reset, with counts, sorted by name. */
  kinds(): Record<string, number> {
    return Object.fromEntries(
      [...this.calledKinds.entries()].sort(([a], [b]) => a.localeCompare(b)),
    );
  }

  /**
   * For each declared scope, the called kinds that would fail without it (given the other
   * declared scopes): what the scope is needed for.
   */
  needed(): Record<string, string[]> {
    const declared = this.declared;
    if (!declared) return {};
    const out: Record<string, string[]> = {};
    for (const scope of declared) {
      const rest = new Set([...declared].filter((s) => s !== scope));
      out[scope] = Object.keys(this.kinds()).filter((kind) => {
        const scopes = methodRow(kind)?.scopes ?? NONE;
        return scopes.length > 0 && !scopes.some((s) => rest.has(s));
      });
    }
    return out;
  }

  /** Declared scopes no call of the run needed (removing one alone breaks nothing). */
  unneeded(): string[] {
    return Object.entries(this.needed())
      .filter(([, kinds]) => kinds.length === 0)
      .map(([scope]) => scope)
      .sort();
  }

  reset(): void {
    this.calledKinds.clear();
  }
}
