"""Importing IKMs from spreadsheets (XLSX or CSV): columns, files, checking, the template."""
