// The tasks of the action programmes under a region by due day: open, done or overdue, and for
// the roles that may, "mark done" with a note (POST /api/v1/levels/tasks/{id}/done).

import { getAll, request } from './api';
import { dataTable, problem, stamp } from './care_format';
import { h } from './dom';
import type { LevelNames } from './levels_format';
import type { Task } from './levels_types';
import { mayUpdateTasks } from './session';
import type { ViewContext } from './view';

export interface TasksPanel {
  refresh(): void;
  dispose(): void;
}

export function tasksPanel(section: HTMLElement, ctx: ViewContext, region: string, names: LevelNames): TasksPanel {
  let disposed = false;
  let state = '';
  let tasks: Task[] = [];
  const writer = mayUpdateTasks(ctx.me);
  const filter = h('select', { id: 'tasks-state', name: 'state' }, h('option', { value: '' }, 'every state'), h('option', { value: 'overdue' }, 'overdue'), h('option', { value: 'open' }, 'open'), h('option', { value: 'done' }, 'done'));
  const counts = h('p', { 'data-field': 'task-counts' });
  const outcome = h('div', { id: 'task-result', 'aria-live': 'polite' });
  const body = h('div', { id: 'task-list' }, h('p', { class: 'muted' }, 'Loading the tasks…'));
  section.replaceChildren(
    h('h2', { id: 'levels-tasks-title' }, 'Tasks of the action programmes'),
    counts,
    h('div', { class: 'controls' }, h('label', { for: 'tasks-state' }, 'Show'), filter),
    outcome,
    body,
  );
  filter.addEventListener('change', () => {
    state = filter.value;
    draw();
  });

  function doneButton(t: Task): HTMLElement {
    const id = `task-${t.id}-note`;
    const note = h('input', { id, name: 'note', type: 'text', autocomplete: 'off' });
    const form = h('form', { class: 'close-form', hidden: true, 'aria-label': `Mark task ${t.id} done` }, h('label', { for: id }, 'Note'), note, h('button', { type: 'submit', class: 'small' }, 'Confirm'));
    const open = h('button', { type: 'button', class: 'small', 'data-action': 'done', 'aria-expanded': 'false', 'aria-label': `Mark task ${t.id} done: ${t.title}` }, 'Mark done');
    open.addEventListener('click', () => {
      form.hidden = !form.hidden;
      open.setAttribute('aria-expanded', String(!form.hidden));
      if (!form.hidden) note.focus();
    });
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      try {
        await request<Task>(`/api/v1/levels/tasks/${t.id}/done`, { method: 'POST', body: note.value.trim() ? { note: note.value.trim() } : {} });
        if (disposed) return;
        outcome.replaceChildren(h('div', { class: 'form-summary ok', role: 'status' }, h('p', null, `Task ${t.id} done: ${t.title}.`)));
        await refresh();
      } catch (error) {
        if (!disposed) outcome.replaceChildren(problem(error, `Task ${t.id}`));
      }
    });
    return h('div', { class: 'closer' }, open, form);
  }

  function draw(): void {
    const by = (s: string) => tasks.filter((t) => t.state === s).length;
    counts.textContent = `${tasks.length} task${tasks.length === 1 ? '' : 's'}: ${by('overdue')} overdue, ${by('open')} open, ${by('done')} done.`;
    const shown = state ? tasks.filter((t) => t.state === state) : tasks;
    body.replaceChildren(
      shown.length
        ? dataTable(
            'Tasks by due day',
            ['Task', 'Region', 'Level', 'Who', 'Due', 'State', writer ? 'Action' : 'Done'],
            shown.map((t) => ({
              attrs: { 'data-task': String(t.id), 'data-state': t.state },
              cells: [
                { attrs: { class: 'text' }, content: t.title },
                t.name,
                names.badge(t.level),
                t.unit,
                t.due,
                h('span', { class: `task-state ${t.state}` }, t.state),
                t.state === 'done' ? `${t.done_by}, ${stamp(t.done_at)}${t.note ? `: ${t.note}` : ''}` : writer ? doneButton(t) : '—',
              ],
            })),
          )
        : h('p', { class: 'muted' }, tasks.length ? `No ${state} task.` : 'No task: no level has been decided here.'),
    );
  }

  async function refresh(): Promise<void> {
    try {
      tasks = await getAll<Task>('/api/v1/levels/tasks', { region });
      if (!disposed) draw();
    } catch (error) {
      if (!disposed) body.replaceChildren(problem(error, 'Loading the tasks'));
    }
  }

  void refresh();
  return {
    refresh: () => void refresh(),
    dispose() {
      disposed = true;
    },
  };
}
