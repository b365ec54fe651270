"""Importing a coalition's existing signatories from a spreadsheet: reading a CSV or XLSX file
whatever its encoding and separator (reading.py), matching its columns and values to the
signature's fields in English, French, Spanish and Arabic (columns.py), the preview of what
each row will store, is refused for or may duplicate (preview.py), and the services that
read a file, correct its mapping and store it, once (services.py).

It sits beside the admin and the commands that call it, and uses the forms (the sign-on
form's validation), the outbox and the models below it; nothing below imports it."""
