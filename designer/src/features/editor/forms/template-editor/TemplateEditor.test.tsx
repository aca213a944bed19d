import { useState } from 'react';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { OutputEscape } from '@tripline/templates';
import { TemplateEditor } from './TemplateEditor';

function Harness({ initial, escape, multiline = false, context }: { initial: string; escape?: OutputEscape; multiline?: boolean; context?: object }) {
  const [value, setValue] = useState<string | undefined>(initial);
  return <TemplateEditor label="Subject" value={value} onChange={setValue} escape={escape} multiline={multiline} {...(context ? { context } : {})} />;
}

const preview = () => screen.getByRole('region', { name: 'Preview of Subject' });

describe('TemplateEditor', () => {
  it('renders a live preview against the sample profile as you type', async () => {
    const user = userEvent.setup();
    render(<Harness initial="" />);
    const input = screen.getByRole('textbox', { name: 'Subject' });
    await user.type(input, 'Hi {{{{ person.traits.firstName }}, welcome to {{{{ account.traits.plan }}');
    expect((await screen.findByRole('region', { name: 'Preview of Subject' })).textContent).toContain('Hi Maya, welcome to Team');
  });

  it('shows why a template does not render, inline, with its line and column', async () => {
    render(<Harness initial={'Hello\n{{ person.traits.firstName | shout }}'} multiline />);
    const field = screen.getByRole('textbox', { name: 'Subject' });
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(field.closest('.field')!.textContent).toContain('undefined filter: shout (line 2, column 1)');
    expect(screen.getByRole('alert').textContent).toBe('No preview until the template parses.');
  });

  it('escapes: values arrive as text, never as markup, and HTML fields escape them as runs do', () => {
    const context = { person: { traits: { firstName: '<img src=x onerror="window.hacked=1">' } } };
    const { unmount } = render(<Harness initial="Hi {{ person.traits.firstName }}" context={context} />);
    expect(preview().textContent).toContain('Hi <img src=x onerror="window.hacked=1">');
    expect(preview().querySelector('img')).toBeNull();
    expect((window as { hacked?: number }).hacked).toBeUndefined();
    unmount();

    render(<Harness initial="<p>Hi {{ person.traits.firstName }}</p>" escape="html" context={context} multiline />);
    expect(preview().textContent).toContain('<p>Hi &lt;img src=x onerror=&#34;window.hacked=1&#34;&gt;</p>');
    expect(preview().querySelector('p, img')).toBeNull();
  });

  it('says when a template hits the render limits', () => {
    render(<Harness initial="{% for i in (1..100000000) %}{{ i }}{% endfor %}" />);
    expect(screen.getByRole('alert').textContent).toContain('hit a render limit');
  });

  it('previews plain single-line text only when it uses Liquid', async () => {
    const user = userEvent.setup();
    render(<Harness initial="Plain subject" />);
    expect(screen.queryByRole('region', { name: 'Preview of Subject' })).toBeNull();
    await user.type(screen.getByRole('textbox', { name: 'Subject' }), ' {{{{ "now" | upcase }}');
    expect(preview().textContent).toContain('Plain subject NOW');
  });
});
