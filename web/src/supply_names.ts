// Names for the supply panels: nodes by their name (the code beside it), medicines by their name
// and local name, shipment and cover states as words.

import { type Child, h } from './dom';
import type { CoverStatus, Medicine, SupplyNode } from './supply_types';

export class SupplyNames {
  private readonly nodes = new Map<string, SupplyNode>();
  private readonly medicines = new Map<string, Medicine>();

  addNodes(nodes: SupplyNode[]): void {
    for (const node of nodes) this.nodes.set(node.code, node);
  }

  addMedicines(medicines: Medicine[]): void {
    for (const medicine of medicines) this.medicines.set(medicine.code, medicine);
  }

  // "Kanggye-si medicine supply base CO-KP-04-001", or the code of a node outside the region.
  node(code: string): Child[] {
    const node = this.nodes.get(code);
    return node ? [node.name, ' ', h('span', { class: 'muted code' }, code)] : [h('span', { class: 'code' }, code)];
  }

  nodeText(code: string): string {
    return this.nodes.get(code)?.name ?? code;
  }

  medicine(code: string): Child[] {
    const m = this.medicines.get(code);
    if (!m) return [code];
    return [m.name, m.name_local ? [' ', h('span', { lang: 'ko', class: 'local' }, m.name_local)] : null].flat();
  }

  medicineText(code: string): string {
    return this.medicines.get(code)?.name ?? code;
  }

  medicineList(): Medicine[] {
    return [...this.medicines.values()];
  }

  coldChain(code: string): boolean {
    return this.medicines.get(code)?.storage === 'cold_chain';
  }
}

const kCoverWords: Record<CoverStatus, string> = {
  below_minimum: 'below minimum',
  within: 'within',
  above_maximum: 'above maximum',
  no_need: 'no need',
};

export function coverWord(status: CoverStatus): string {
  return kCoverWords[status] ?? status;
}

// "plural(3, 'node')" → "3 nodes".
export function plural(n: number, word: string): string {
  return `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;
}
