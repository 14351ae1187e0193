/**
 * Protection of a range or a sheet. The emulated user owns the document, so protections never
 * block the script's own writes (as for the owner in Sheets); they are kept and round-trip.
 * https://developers.google.com/apps-script/reference/spreadsheet/protection
 */
import type { GridRef, ProtectionData } from '../model';
import type { SheetModel } from '../sheetModel';
import { Service, factories, invalidArgument, type Env } from './base';

class UserImpl extends Service {
  readonly kind = 'User';
  constructor(
    env: Env,
    private readonly email: string,
  ) {
    super(env);
  }
  getEmail(): string {
    return this.email;
  }
}

function emailOf(u: unknown): string {
  if (typeof u === 'string') return u;
  if (u instanceof UserImpl) return u.getEmail();
  throw invalidArgument('user');
}

export class ProtectionImpl extends Service {
  readonly kind = 'Protection';
  constructor(
    env: Env,
    readonly sheet: SheetModel,
    readonly data: ProtectionData,
  ) {
    super(env);
  }

  private live(): ProtectionData {
    // A removed protection keeps answering getters from its last state, like a stale object.
    return this.sheet.protections.find((p) => p.id === this.data.id) ?? this.data;
  }

  getProtectionType(): string {
    return this.live().type;
  }
  getDescription(): string {
    return this.live().description;
  }
  setDescription(description: string): this {
    this.live().description = String(description);
    return this;
  }
  isWarningOnly(): boolean {
    return this.live().warningOnly;
  }
  setWarningOnly(warningOnly: boolean): this {
    this.live().warningOnly = Boolean(warningOnly);
    return this;
  }
  getRange(): Service {
    const p = this.live();
    return factories.range(this.env, this.sheet, p.range ?? this.sheet.whole());
  }
  setRange(range: unknown): this {
    if (this.live().type === 'SHEET')
      throw new Error('Emulator: a sheet protection has no range to set');
    if (!range || typeof range !== 'object' || !('_ref' in range)) throw invalidArgument('range');
    this.live().range = (range as { _ref(): GridRef })._ref();
    return this;
  }
  getUnprotectedRanges(): Service[] {
    return this.live().unprotected.map((ref) => factories.range(this.env, this.sheet, ref));
  }
  setUnprotectedRanges(ranges: unknown[]): this {
    this.live().unprotected = ranges.map((r) => {
      if (!r || typeof r !== 'object' || !('_ref' in r)) throw invalidArgument('ranges');
      return (r as { _ref(): GridRef })._ref();
    });
    return this;
  }
  remove(): void {
    this.sheet.protections = this.sheet.protections.filter((p) => p.id !== this.data.id);
  }
  canEdit(): boolean {
    return true;
  }
  canDomainEdit(): boolean {
    return this.live().domainEdit;
  }
  setDomainEdit(editable: boolean): this {
    this.live().domainEdit = Boolean(editable);
    return this;
  }
  getEditors(): UserImpl[] {
    return this.live().editors.map((e) => new UserImpl(this.env, e));
  }
  addEditor(user: unknown): this {
    return this.addEditors([user]);
  }
  addEditors(users: unknown[]): this {
    const p = this.live();
    for (const u of users) {
      const e = emailOf(u);
      if (!p.editors.includes(e)) p.editors.push(e);
    }
    return this;
  }
  removeEditor(user: unknown): this {
    return this.removeEditors([user]);
  }
  removeEditors(users: unknown[]): this {
    const gone = new Set(users.map(emailOf));
    const p = this.live();
    // The owner always stays an editor.
    p.editors = p.editors.filter((e) => !gone.has(e) || e === this.env.ctx.activeUserEmail());
    return this;
  }
}
