// The list of live events beside every view: newest first, the last 50.

import { byId, h } from './dom';
import { clock, int } from './format';
import { lookupRegion } from './regions';
import type { LiveEvent } from './types';

const kMaxItems = 50;

export async function showEvent(event: LiveEvent): Promise<void> {
  if (event.type === 'subscribed') return;
  const feed = byId('feed');
  const region = event.region ? await lookupRegion(event.region) : undefined;
  const where = region ? `${region.name}${region.name_local ? ` ${region.name_local}` : ''} (${region.code})` : event.region ?? '';
  let text: string;
  if (event.type === 'report.added' || event.type === 'report.corrected') {
    const c = event.counts;
    const counts = c
      ? `${int(c.new_fever)} new fever, ${int(c.new_recovered)} recovered, ${int(c.new_deaths)} deaths, ${int(c.under_treatment)} under treatment`
      : '';
    text = `${event.type === 'report.added' ? 'Report' : 'Correction'} ${where} ${event.date ?? ''}: ${counts}${event.by ? ` — by ${event.by}` : ''}`;
  } else if (event.type === 'finding') {
    text = `Finding ${where}: ${event.message ?? event.kind ?? ''}`;
  } else {
    return;
  }
  const item = h(
    'li',
    { class: `feed-item ${event.type.replace('.', '-')}`, 'data-region': event.region ?? '', 'data-date': event.date ?? '', 'data-type': event.type },
    h('time', null, clock()),
    ' ',
    text,
  );
  feed.prepend(item);
  while (feed.children.length > kMaxItems) feed.lastElementChild?.remove();
  byId('live-empty').hidden = true;
}
