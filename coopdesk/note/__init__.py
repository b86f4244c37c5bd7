"""The country note and cover letter: inputs read from the records, sections and wording, the document
model, the builder, batches of notes, letters and their register, and the renderers. No Qt."""
