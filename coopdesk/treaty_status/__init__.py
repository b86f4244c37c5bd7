"""Treaty status tables: a treaty's participants brought in from the depositary's status page.

The depositary (the UN Treaty Collection for most of the instruments coopdesk follows) publishes, for
each treaty, a table of participants with their signature and their consent to be bound. An officer
brings such a table in, sees State by State how it differs from the records, and takes the
differences in one step:

1. ``reading`` turns what the officer has (a table pasted from the browser, the page saved as HTML, a
   CSV) into a ``StatusTable``, refusing unsafe or unreadable input with a plain message;
2. ``names`` matches the depositary's participant names to the catalogue's States;
3. ``reconcile`` compares the table with the records of one instrument: what to add, what is the
   same, what conflicts, what only the records show;
4. ``apply`` writes the chosen differences through the services, all or nothing.

Nothing here imports Qt; the window (``coopdesk.ui.treaty_status.treaty_status_dialog``) and the command line
(``coopdesk treaty-status``) share it.
"""
