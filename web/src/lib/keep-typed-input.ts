type Field = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;

/**
 * Svelte writes every `value={…}` and `checked={…}` back into the DOM as it hydrates
 * (sveltejs/kit#8895), so what a child typed or ticked while the scripts were still loading on a
 * slow phone (a username, a whole proposal) vanished, and the form then sent empty fields.
 * Called just before hydration, this notes each field the person has changed from the server's
 * HTML; the function it returns, called just after, puts those changes back.
 */
export function keepTypedInput(root: ParentNode): () => void {
	const changed = [...root.querySelectorAll<Field>('input, textarea, select')].flatMap(changeOf);
	return () => {
		for (const restore of changed) restore();
	};
}

function changeOf(field: Field): Array<() => void> {
	if (field instanceof HTMLSelectElement) {
		const options = [...field.options].map((option) => ({ option, selected: option.selected }));
		const changed = options.some(({ option, selected }) => selected !== option.defaultSelected);
		return changed ? [() => options.forEach(({ option, selected }) => (option.selected = selected))] : [];
	}
	if (field instanceof HTMLInputElement && (field.type === 'checkbox' || field.type === 'radio')) {
		const { checked } = field;
		return checked !== field.defaultChecked ? [() => (field.checked = checked)] : [];
	}
	// A file input's value cannot be set, and hydration leaves it alone.
	if (field instanceof HTMLInputElement && field.type === 'file') return [];
	const { value } = field;
	return value !== field.defaultValue ? [() => (field.value = value)] : [];
}
