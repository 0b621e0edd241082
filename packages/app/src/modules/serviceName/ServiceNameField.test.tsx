import { fireEvent, render, screen } from '@testing-library/react';
import { ServiceNameInput } from './ServiceNameField';

describe('ServiceNameInput', () => {
  it('shows the title and description and reports what is typed', () => {
    const onChange = jest.fn();
    render(
      <ServiceNameInput
        {...({
          onChange,
          required: true,
          schema: { title: 'Name', description: 'Repository and catalog name' },
          uiSchema: {},
          idSchema: { $id: 'root_name' },
          rawErrors: [],
          formData: '',
        } as any)}
      />,
    );
    expect(screen.getByText('Repository and catalog name')).toBeInTheDocument();
    fireEvent.change(screen.getByRole('textbox', { name: /Name/ }), {
      target: { value: 'invoice-api' },
    });
    expect(onChange).toHaveBeenCalledWith('invoice-api');
  });
});
